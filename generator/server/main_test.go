package server

import (
	"os"
	"testing"
)

// The tests read the server's messages in English, whatever a site's
// language; TestChineseMessages reads them as a Chinese site's authors do.
func TestMain(m *testing.M) {
	os.Setenv("HANDBOOK_LANG", "en")
	os.Exit(m.Run())
}
