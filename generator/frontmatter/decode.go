package frontmatter

import (
	"encoding"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// decodeFast decodes a tree that fastYAML built into v, a struct, as
// yaml.v3's Node.Decode would, without its general machinery: Node.Decode
// resolves every scalar's tag again and looks up struct fields through
// interfaces and maps, which showed as the larger half of loading front
// matter. It covers what pages hold: strings, ints, bools, lists, nested
// structs and pointers to them, and types with an UnmarshalYAML method.
// It returns false when it meets anything else, or an error, and leaves v
// as it was; the caller then asks yaml.v3, which decodes or explains.
func decodeFast(n *yaml.Node, v reflect.Value) bool {
	tmp := reflect.New(v.Type()).Elem()
	tmp.Set(v)
	if !decodeValue(n, tmp) {
		return false
	}
	v.Set(tmp)
	return true
}

// decodeValue decodes n into v, which is addressable. Null is handled by
// the callers, since what it means depends on where it is.
func decodeValue(n *yaml.Node, v reflect.Value) bool {
	if n.Tag == "!!null" {
		return false
	}
	plan := planOf(v.Type())
	switch plan.kind {
	case planPointer:
		// Into a copy of what v points to, if anything: a value the
		// decoder declines half-way must be left as it was.
		p := reflect.New(v.Type().Elem())
		if !v.IsNil() {
			p.Elem().Set(v.Elem())
		}
		if !decodeValue(n, p.Elem()) {
			return false
		}
		v.Set(p)
		return true
	case planUnmarshaler:
		// yaml.v3 hands the node itself to the method; its errors get
		// yaml.v3's wording, so they go the slow way.
		return v.Addr().Interface().(yaml.Unmarshaler).UnmarshalYAML(n) == nil
	case planString:
		if n.Kind != yaml.ScalarNode {
			return false
		}
		v.SetString(n.Value)
		return true
	case planInt:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			return false
		}
		i, err := strconv.ParseInt(n.Value, 10, 64)
		if err != nil || v.OverflowInt(i) {
			return false
		}
		v.SetInt(i)
		return true
	case planBool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			return false
		}
		switch n.Value {
		case "true", "True", "TRUE":
			v.SetBool(true)
		case "false", "False", "FALSE":
			v.SetBool(false)
		default:
			return false
		}
		return true
	case planSlice:
		if n.Kind != yaml.SequenceNode {
			return false
		}
		// yaml.v3 drops items it cannot decode, null among them, from
		// a list: such lists go the slow way.
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			if !decodeValue(c, s.Index(i)) {
				return false
			}
		}
		v.Set(s)
		return true
	case planStruct:
		if n.Kind != yaml.MappingNode {
			return false
		}
		c := n.Content
		for i := 0; i+1 < len(c); i += 2 {
			k, val := c[i], c[i+1]
			if k.Kind != yaml.ScalarNode {
				return false
			}
			f, ok := plan.fields[k.Value]
			if !ok {
				continue // yaml.v3 skips unknown keys; checkFields has reported them
			}
			fv := v.Field(f)
			if val.Tag == "!!null" {
				// yaml.v3 clears lists, maps and pointers and leaves the
				// rest as they were.
				switch fv.Kind() {
				case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
					fv.SetZero()
				}
				continue
			}
			if !decodeValue(val, fv) {
				return false
			}
		}
		return true
	}
	return false
}

type planKind int

const (
	planOther planKind = iota // left to yaml.v3
	planPointer
	planUnmarshaler
	planString
	planInt
	planBool
	planSlice
	planStruct
)

// decodePlan is how decodeValue treats one type.
type decodePlan struct {
	kind   planKind
	fields map[string]int // planStruct: yaml key → field index
}

var planCache sync.Map // reflect.Type → *decodePlan

var (
	unmarshalerType     = reflect.TypeFor[yaml.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	nodeType            = reflect.TypeFor[yaml.Node]()
)

func planOf(t reflect.Type) *decodePlan {
	if p, ok := planCache.Load(t); ok {
		return p.(*decodePlan)
	}
	p := makePlan(t)
	planCache.Store(t, p)
	return p
}

// makePlan follows yaml.v3's order: pointers first, then UnmarshalYAML,
// then UnmarshalText (left to yaml.v3), then the kind.
func makePlan(t reflect.Type) *decodePlan {
	p := &decodePlan{}
	switch {
	case t.Kind() == reflect.Pointer:
		p.kind = planPointer
		return p
	case reflect.PointerTo(t).Implements(unmarshalerType):
		p.kind = planUnmarshaler
		return p
	case reflect.PointerTo(t).Implements(textUnmarshalerType), t == nodeType:
		return p
	}
	switch t.Kind() {
	case reflect.String:
		p.kind = planString
	case reflect.Int:
		p.kind = planInt
	case reflect.Bool:
		p.kind = planBool
	case reflect.Slice:
		p.kind = planSlice
	case reflect.Struct:
		fields := map[string]int{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.PkgPath != "" && !f.Anonymous {
				continue // unexported: yaml.v3 skips it
			}
			tag := f.Tag.Get("yaml")
			if tag == "-" {
				continue
			}
			name, flags, _ := strings.Cut(tag, ",")
			if f.Anonymous || strings.Contains(flags, "inline") {
				return p // embedded and inlined fields: yaml.v3's rules
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			if _, dup := fields[name]; dup {
				return p
			}
			fields[name] = i
		}
		p.kind, p.fields = planStruct, fields
	}
	return p
}
