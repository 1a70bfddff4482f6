// Package config reads a site's configuration file, handbook.toml or
// handbook.yaml at the site root. Unknown keys are errors, so a misspelt
// setting never passes silently; command-line flags override the file.
package config

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/frontmatter"
)

// Config is a site's settings.
type Config struct {
	Title       string `yaml:"title" toml:"title"`
	Description string `yaml:"description" toml:"description"`
	BaseURL     string `yaml:"base_url" toml:"base_url"` // absolute URL the site is published at; "" for none
	Language    string `yaml:"language" toml:"language"` // zh-CN or en: the UI strings
	Theme       string `yaml:"theme" toml:"theme"`       // a folder under themes/; files missing there come from the default theme
	Paper       string `yaml:"paper" toml:"paper"`       // A4 or Letter
	UnsafeHTML  bool   `yaml:"unsafe_html" toml:"unsafe_html"`
	ContentDir  string `yaml:"content_dir" toml:"content_dir"`
	QuizDir     string `yaml:"quiz_dir" toml:"quiz_dir"`
	DrillSeed   int64  `yaml:"drill_seed" toml:"drill_seed"`

	File string `yaml:"-" toml:"-"` // the file it was read from, "" when defaults
}

// Names are the file names looked for at the site root, in order.
var Names = []string{"handbook.toml", "handbook.yaml", "handbook.yml"}

// Default returns the settings used when there is no config file.
func Default() Config {
	return Config{
		Title:      "员工手册",
		Language:   "zh-CN",
		Theme:      "default",
		Paper:      "A4",
		ContentDir: "content",
		QuizDir:    "quizzes",
		DrillSeed:  1,
	}
}

// MessageLang is the language of the messages about the site in the
// folder dir (see diag.Lang): that of its config file, or the default's
// when the file cannot be read.
func MessageLang(dir string) string {
	c, err := Load(os.DirFS(dir))
	if err != nil {
		c = Default()
	}
	return diag.Lang(c.Language)
}

// Load reads the first config file found at the root of fsys, over the
// defaults, and validates it. Problems come back as a diag.List, like those
// of the content, so that they are reported the same way.
func Load(fsys fs.FS) (Config, error) {
	c, err := load(fsys)
	if err != nil {
		var l diag.List
		l.Append(err)
		return c, l.Err()
	}
	return c, nil
}

func load(fsys fs.FS) (Config, error) {
	c := Default()
	for _, name := range Names {
		src, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return c, &diag.Error{File: name, Msg: err.Error(), Err: err}
		}
		c.File = name
		// Read as content files are: UTF-8 (a GBK file gets the iconv
		// command), a BOM and CR or CRLF line endings allowed.
		if src, err = content.Normalize(name, src); err != nil {
			return c, err
		}
		if strings.HasSuffix(name, ".toml") {
			err = decodeTOML(name, src, &c)
		} else {
			err = decodeYAML(name, src, &c)
		}
		if err != nil {
			return c, err
		}
		break
	}
	return c, c.Validate()
}

func decodeYAML(name string, src []byte, c *Config) error {
	return frontmatter.DecodeFile(name, frontmatter.YAML, src, allowedKey, knownKeys, c)
}

func decodeTOML(name string, src []byte, c *Config) error {
	return frontmatter.DecodeFile(name, frontmatter.TOML, src, allowedKey, knownKeys, c)
}

var knownKeys = []string{"title", "description", "base_url", "language", "theme", "paper", "unsafe_html", "content_dir", "quiz_dir", "drill_seed"}

func allowedKey(k string) bool {
	for _, s := range knownKeys {
		if s == k {
			return true
		}
	}
	return false
}

// Validate checks the values.
func (c *Config) Validate() error {
	var l diag.List
	switch c.Language {
	case "zh-CN", "en":
	default:
		l.Addf(c.File, 0, "language %q is not supported: use zh-CN or en", c.Language)
	}
	switch strings.ToUpper(c.Paper) {
	case "A4":
		c.Paper = "A4"
	case "LETTER":
		c.Paper = "Letter"
	default:
		l.Addf(c.File, 0, "paper %q is not supported: use A4 or Letter", c.Paper)
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			l.Addf(c.File, 0, "base_url %q must be an absolute http(s) URL such as https://intranet.example/handbook/", c.BaseURL)
		} else if !strings.HasSuffix(c.BaseURL, "/") {
			c.BaseURL += "/"
		}
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	return l.Err()
}
