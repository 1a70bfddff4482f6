package site

import (
	"fmt"
	"strings"
)

// unknownRoleMsg is the message for a role r that no role page defines.
// Roles typed with a Chinese input method are often separated with the
// full-width comma ， or the enumeration comma 、, which YAML does not
// split a list on: [保洁员，保洁组长] is one role with a long name.
func (s *Site) unknownRoleMsg(r string) string {
	list := fmt.Sprintf("roles must be titles of role pages (%s)", strings.Join(s.sortedRoles(), ", "))
	i := strings.IndexAny(r, "，、")
	if i < 0 {
		return fmt.Sprintf("unknown role %q: %s", r, list)
	}
	sep := string([]rune(r[i:])[0])
	parts := strings.FieldsFunc(r, func(c rune) bool { return c == '，' || c == '、' })
	msg := fmt.Sprintf("unknown role %q: separate roles with the ASCII comma \",\", not %q, as in [%s]", r, sep, strings.Join(parts, ", "))
	for _, p := range parts {
		if s.roles[strings.TrimSpace(p)] == nil {
			return msg + "; " + list
		}
	}
	return msg
}
