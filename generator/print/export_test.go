package print

// Helpers of the package's tests that the print_test tests share.
var (
	Tool     = tool
	DecodeQR = decodeQR
)
