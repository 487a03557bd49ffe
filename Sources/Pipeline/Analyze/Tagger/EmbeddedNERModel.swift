import CNERModel

/// The tagger weights assembled into the binary from models/ner.model.
enum EmbeddedNERModel {
    /// The embedded model, or nil when the build embedded none (an empty file) or it does not decode.
    static func load() -> NERModel? {
        let length = Int(gleaner_ner_model_length())
        guard length > 0, let start = gleaner_ner_model_bytes() else { return nil }
        return try? NERModel(decoding: UnsafeRawBufferPointer(start: start, count: length))
    }
}
