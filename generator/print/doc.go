// Package print turns the built site's checklists, inspection forms and role
// handbooks into PDF files, and draws the QR codes printed on them.
//
// The site step writes a Manifest at print/manifest.json in the output; Run
// reads it, prints each selected page with a headless Chromium (Printer) and
// checks that every checklist fits on one sheet, since a checklist is posted
// on a wall or filled in by hand and a second page would be lost.
//
// QRSVG is pure Go and safe for concurrent use. A Printer runs one browser;
// its PDF method may be called from several goroutines, each call printing
// in a tab of its own.
package print
