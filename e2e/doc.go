// Package e2e holds end-to-end tests that build the bundled handbook with
// the real pipeline and check it as a person would: in headless Chromium,
// over HTTP and opened from disk, and through the dev server.
package e2e
