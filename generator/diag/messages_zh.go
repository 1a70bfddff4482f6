package diag

func init() {
	Register(map[string]string{
		"%s and %s": "%s 和 %s",
		"%s or %s":  "%s 或 %s",
		"%s, %s":    "%s、%s",
	})
}
