package main

import (
	"regexp"
	"strings"

	"handbook/generator/diag"
)

// usageErrors are the errors cobra and pflag make of a command line they
// cannot take, as patterns, and the message each becomes: written in the
// site's language like every other message, and saying where the help is.
var usageErrors = []struct {
	re   *regexp.Regexp
	text func(m []string) diag.Text
}{
	{regexp.MustCompile(`^unknown command "([^"]*)" for "([^"]*)"(?:\s+Did you mean this\?\s+(\S+))?`), func(m []string) diag.Text {
		if m[3] != "" {
			return diag.T("unknown command %q for %s: did you mean %s? (see `%s --help`)", m[1], m[2], m[3], m[2])
		}
		return diag.T("unknown command %q for %s (see `%s --help`)", m[1], m[2], m[2])
	}},
	{regexp.MustCompile(`^unknown (?:shorthand )?flag: '?([^' ]+)'?(?: in (\S+))?$`), func(m []string) diag.Text {
		flag := m[1]
		if m[2] != "" {
			flag = m[2]
		}
		return diag.T("unknown flag %s (see --help for the flags)", flag)
	}},
	{regexp.MustCompile(`^flag needs an argument: '?([^' ]+)'?(?: in (\S+))?$`), func(m []string) diag.Text {
		return diag.T("flag %s needs a value, as in %s VALUE", m[1], m[1])
	}},
	{regexp.MustCompile(`^invalid argument "([^"]*)" for "([^"]*)" flag: (.*)$`), func(m []string) diag.Text {
		return diag.T("%q is not a valid value for %s: %s", m[1], m[2], m[3])
	}},
	{regexp.MustCompile(`^accepts (\d+) arg\(s\), received (\d+)$`), func(m []string) diag.Text {
		return diag.T("takes %s argument(s), got %s (see --help)", m[1], m[2])
	}},
	{regexp.MustCompile(`^accepts at most (\d+) arg\(s\), received (\d+)$`), func(m []string) diag.Text {
		return diag.T("takes at most %s argument(s), got %s (see --help)", m[1], m[2])
	}},
}

// usageText returns the message for a command line cobra refused with
// err, or false for any other error.
func usageText(err error) (diag.Text, bool) {
	msg := strings.TrimSpace(err.Error())
	for _, u := range usageErrors {
		if m := u.re.FindStringSubmatch(msg); m != nil {
			return u.text(m), true
		}
	}
	return diag.Text{}, false
}
