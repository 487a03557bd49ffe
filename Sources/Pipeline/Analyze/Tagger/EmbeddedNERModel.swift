/// The tagger weights assembled into the binary from models/ner.model.
enum EmbeddedNERModel {
    /// The embedded model, or nil when the build embedded none (an empty file) or it does not decode.
    static func load() -> NERModel? {
        guard let bytes = EmbeddedData.bytes(named: "models/ner.model") else { return nil }
        return try? NERModel(decoding: bytes)
    }
}
