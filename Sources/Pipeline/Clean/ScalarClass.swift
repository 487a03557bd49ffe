/// Fast character classes for the cleaner's scans, with an ASCII path that avoids the
/// Unicode property tables (`Unicode.Scalar.Properties` lookups dominate otherwise).
enum ScalarClass {
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let v = scalar.value
            return v == 0x20 || (v >= 0x09 && v <= 0x0D)
        }
        return scalar.properties.isWhitespace
    }

    @inline(__always)
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x30 && scalar.value <= 0x39 }
        return scalar.properties.generalCategory == .decimalNumber
    }

    @inline(__always)
    static func isCurrency(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == "$" }
        return scalar.properties.generalCategory == .currencySymbol
    }

    @inline(__always)
    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x41 && scalar.value <= 0x5A }
        return scalar.properties.isUppercase
    }

    @inline(__always)
    static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let v = scalar.value | 0x20
            return v >= 0x61 && v <= 0x7A
        }
        return scalar.properties.isAlphabetic
    }
}
