package print

import (
	"encoding/json"
	"io"
	"io/fs"

	"handbook/generator/diag"
	"handbook/generator/model"
)

// ManifestPath is where the site step writes the Manifest, relative to the
// output folder.
const ManifestPath = "print/manifest.json"

// Manifest lists what a built site has to print. The site step fills it
// while rendering and writes it with WriteManifest; Run reads it back.
type Manifest struct {
	Paper      string `json:"paper,omitempty"` // the site's paper: A4 or Letter
	Checklists []Item `json:"checklists"`      // checklists and inspection forms, in reading order
	Handbooks  []Item `json:"handbooks"`       // role handbooks
}

// Item is one printable page of the site.
type Item struct {
	Path  string   `json:"path,omitempty"` // content path, e.g. checklists/washroom.md
	File  string   `json:"file,omitempty"` // the source for messages, e.g. content/checklists/washroom.md
	URL   string   `json:"url"`            // output path relative to the site root, e.g. checklists/washroom.html
	Title string   `json:"title"`
	Area  string   `json:"area,omitempty"`
	Roles []string `json:"roles,omitempty"` // a handbook's role; a checklist's roles
	Form  string   `json:"form,omitempty"`  // daily, weekly or monthly for an inspection form
}

// ChecklistItem describes a checklist page for the Manifest.
func ChecklistItem(p *model.Page) Item {
	return Item{
		Path: p.Path, File: p.File, URL: p.URL, Title: p.FM.Title,
		Area: p.FM.Area, Roles: p.FM.Roles, Form: p.FM.Form,
	}
}

// HandbookItem describes the handbook of a role for the Manifest: title is
// the handbook's title, url its output path (handbooks/cleaner.html).
func HandbookItem(role, title, url string) Item {
	return Item{Title: title, URL: url, Roles: []string{role}}
}

// WriteManifest writes m as indented JSON.
func WriteManifest(w io.Writer, m *Manifest) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(m)
}

// ReadManifest reads a Manifest written by WriteManifest.
func ReadManifest(r io.Reader) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(r)
	if err := dec.Decode(&m); err != nil {
		return nil, diag.New("", 0, diag.T("reading the print manifest: %v", err), err)
	}
	return &m, nil
}

// LoadManifest reads the Manifest of the built site in fsys.
func LoadManifest(fsys fs.FS) (*Manifest, error) {
	f, err := fsys.Open(ManifestPath)
	if err != nil {
		return nil, diag.New("", 0, diag.T("the built site has no %s: build it with this version of handbook: %v", ManifestPath, err), err)
	}
	defer f.Close()
	return ReadManifest(f)
}
