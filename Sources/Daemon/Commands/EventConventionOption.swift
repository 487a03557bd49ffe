import ArgumentParser
import Pipeline

extension EventConvention {
    /// The value of `--event-convention`, or a usage error (exit status 64).
    static func option(_ value: String) throws -> EventConvention {
        guard let convention = EventConvention(rawValue: value) else {
            StandardStreams.err("gleaner: --event-convention is dyadic or monadic")
            throw ExitCode(64)
        }
        return convention
    }
}
