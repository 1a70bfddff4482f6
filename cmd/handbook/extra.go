package main

import (
	"io"

	"github.com/spf13/cobra"
)

// extraCommands are the quiz and pdf command groups.
func extraCommands(stdout, stderr io.Writer) []*cobra.Command {
	return []*cobra.Command{quizCmd(stdout, stderr), pdfCmd(stdout, stderr)}
}
