package model

import (
	"fmt"
	"time"

	"gopkg.in/yaml.v3"
)

const dateLayout = "2006-01-02"

// ParseDate reads a YYYY-MM-DD date.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not written as YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// String returns the date as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(dateLayout)
}

// UnmarshalYAML accepts a YYYY-MM-DD scalar. A bad date is a
// *yaml.TypeError, as a value of the wrong type is: the decoder goes on and
// reports the other fields' errors with it.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return dateError(n.Line, "a date must be written as YYYY-MM-DD")
	}
	v, err := ParseDate(n.Value)
	if err != nil {
		return dateError(n.Line, err.Error())
	}
	*d = v
	return nil
}

func dateError(line int, msg string) error {
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %s", line, msg)}}
}

// UnmarshalTOML accepts a TOML local date or a YYYY-MM-DD string.
func (d *Date) UnmarshalTOML(v any) error {
	switch t := v.(type) {
	case time.Time:
		*d = Date{time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
		return nil
	case string:
		v, err := ParseDate(t)
		*d = v
		return err
	}
	return fmt.Errorf("a date must be written as YYYY-MM-DD")
}
