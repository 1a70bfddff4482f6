// Package chromium finds the locally installed Chromium and gives the
// options every headless run of it here uses: for printing to PDF, for the
// browser tests and for the benchmark's bytes per query.
package chromium

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/chromedp/chromedp"

	"handbook/generator/diag"
)

// ErrNotFound is returned when no browser is installed. It is a
// *diag.Error, so that it can be written in the site's language.
var ErrNotFound error = diag.New("", 0, diag.T("no Chromium found: install it with `apt-get install chromium` (Debian) and a CJK font such as fonts-noto-cjk, or on Windows and macOS Google Chrome or Microsoft Edge, or set CHROME_PATH"), nil)

// browsers are tried in order when $CHROME_PATH is not set: Chromium and
// Chrome by the names Linux installs them under, then where Windows and
// macOS install Chrome, Chromium and Edge, which every Windows 10 and 11
// has.
var browsers = append([]string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}, installed()...)

// installed lists where Windows and macOS install the browsers.
func installed() []string {
	switch runtime.GOOS {
	case "windows":
		var out []string
		for _, root := range []string{os.Getenv("ProgramFiles"), os.Getenv("ProgramFiles(x86)"), os.Getenv("LocalAppData")} {
			if root == "" {
				continue
			}
			out = append(out,
				filepath.Join(root, "Google", "Chrome", "Application", "chrome.exe"),
				filepath.Join(root, "Chromium", "Application", "chrome.exe"),
				filepath.Join(root, "Microsoft", "Edge", "Application", "msedge.exe"))
		}
		return out
	case "darwin":
		return []string{
			"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
			"/Applications/Chromium.app/Contents/MacOS/Chromium",
			"/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
		}
	}
	return nil
}

// Find returns the browser to run: $CHROME_PATH if set, else the first of
// chromium, chromium-browser and google-chrome found. It returns
// ErrNotFound when there is none.
func Find() (string, error) {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", diag.New("", 0, diag.T("CHROME_PATH=%s is not a program: %v", p, err), err)
		}
		return p, nil
	}
	for _, b := range browsers {
		if p, err := exec.LookPath(b); err == nil {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// Options starts the browser at path headless, with a desktop window of
// width × height, its profile in userDataDir ("" for a temporary one that
// chromedp removes), and networking, updates, sync, extensions and sound
// off: nothing a page does not ask for.
func Options(path, userDataDir string, width, height int) []chromedp.ExecAllocatorOption {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(width, height),
	}
	if userDataDir != "" {
		opts = append(opts, chromedp.UserDataDir(userDataDir))
	}
	return opts
}
