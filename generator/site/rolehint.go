package site

import (
	"strings"

	"handbook/generator/diag"
)

// unknownRoleMsg is the message for a role r that no role page defines.
// Roles typed with a Chinese input method are often separated with the
// full-width comma ， or the enumeration comma 、, which YAML does not
// split a list on: [保洁员，保洁组长] is one role with a long name.
func (s *Site) unknownRoleMsg(r string) diag.Text {
	roles := diag.Commas(s.sortedRoles())
	i := strings.IndexAny(r, "，、")
	if i < 0 {
		return diag.T("unknown role %q: roles must be titles of role pages (%s)", r, roles)
	}
	sep := string([]rune(r[i:])[0])
	parts := strings.FieldsFunc(r, func(c rune) bool { return c == '，' || c == '、' })
	for _, p := range parts {
		if s.roles[strings.TrimSpace(p)] == nil {
			return diag.T("unknown role %q: separate roles with the ASCII comma \",\", not %q, as in [%s]; roles must be titles of role pages (%s)", r, sep, strings.Join(parts, ", "), roles)
		}
	}
	return diag.T("unknown role %q: separate roles with the ASCII comma \",\", not %q, as in [%s]", r, sep, strings.Join(parts, ", "))
}
