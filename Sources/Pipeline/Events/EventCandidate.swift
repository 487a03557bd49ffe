/// A trigger of one sentence with its code-book entry and actors, before the triggers of
/// a clause are collapsed into events.
struct EventCandidate: Sendable, Hashable {
    var match: TriggerMatch
    var entry: CAMEOCode
    var arguments: EventArguments
}
