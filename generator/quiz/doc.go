// Package quiz reads, checks, generates and exchanges the handbook's
// quizzes.
//
// A quiz is a Markdown file under quizzes/ in the format described in
// docs/quiz-format.md. Parse turns one file into a Quiz; Validate checks
// what needs all quizzes and the content together (question IDs unique
// across the site, source links that resolve); Drills makes practice
// quizzes from the front matter of content pages; ExportGIFT, ExportCSV and
// ImportGIFT exchange quizzes with Moodle and spreadsheets; Quiz.JSON gives
// the data of the learner player (themes/default/static/quiz.js).
//
// Guarantees:
//
//   - Problems are data. Parse, Validate and ImportGIFT report every
//     problem they find, not the first only, as Error values carrying the
//     file and the 1-based line ("file:line: message"); line 0 means the
//     file as a whole. A construct that cannot be represented is reported,
//     never dropped silently.
//   - Input may start with a UTF-8 byte-order mark and use CRLF line
//     endings; lines are counted as an editor shows them.
//   - Text is plain. Every text field of a Question is plain text: Parse
//     keeps no Markdown markup and rejects raw HTML, so a consumer inserts
//     it as text (the player uses textContent). Quiz.JSON escapes <, > and &
//     so the data can sit inside a <script> element.
//   - Determinism. Drills gives byte-identical output for the same pages and
//     seed; exports write quizzes and questions in the order given.
//   - Round trips. Parse(q.Path, q.Markdown()) reproduces q, and a GIFT file
//     imported with ImportGIFT and exported again with ExportGIFT keeps
//     every question it could import.
//   - No shared state. The package has no mutable globals and builds its
//     own goldmark parser per call; all functions are safe for concurrent
//     use, and a returned Quiz is not modified afterwards.
package quiz
