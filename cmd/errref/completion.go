package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// fixedCompletion completes a flag's value from a fixed list.
func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// listCompletion completes the last item of a comma-separated flag value
// from a fixed list, keeping the items already given and leaving them out
// of the offers: "csv,j" offers "csv,json", never "csv,csv".
func listCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		i := strings.LastIndexByte(toComplete, ',') + 1
		given := strings.Split(toComplete[:i], ",")
		var out []string
		for _, v := range values {
			if !slices.Contains(given, v) {
				out = append(out, toComplete[:i]+v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
