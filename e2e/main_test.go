package e2e

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"handbook/generator/site"
)

// siteDir is the bundled handbook built once for all tests; siteURL serves it.
var siteDir, siteURL string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		tmp, err := os.MkdirTemp("", "handbook-e2e-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		siteDir = filepath.Join(tmp, "public")
		// The tests read the messages of the build and the dev server in
		// English; those about Chinese messages set HANDBOOK_LANG.
		os.Setenv("HANDBOOK_LANG", "en")
		// HANDBOOK_E2E_SOURCE points the tests at another site.
		source := os.Getenv("HANDBOOK_E2E_SOURCE")
		if source == "" {
			source = ".."
		}
		if _, err := site.Build(context.Background(), site.Options{Source: source, Dest: siteDir}); err != nil {
			fmt.Fprintf(os.Stderr, "building the bundled handbook:\n%v\n", err)
			return 1
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		srv := &http.Server{Handler: http.FileServer(http.Dir(siteDir))}
		go srv.Serve(ln)
		defer srv.Close()
		siteURL = "http://" + ln.Addr().String() + "/"
		return m.Run()
	}())
}
