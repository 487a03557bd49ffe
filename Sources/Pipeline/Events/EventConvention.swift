/// Which events the events stage reports: the one point on which the field's coders and the
/// seeds' gold differ by design.
///
/// `dyadic`, the default, is PETRARCH2's (`get_events(require_dyad=1)`) and the convention
/// of the three events dev sets: an event has a source and a target, so events can be
/// counted by dyad ("every event's source and target get a CAMEO actor code", issue 11).
/// A statement or act aimed at no one ("Lebed said the talks went well") is then no event,
/// nor is a negated one ("did not attack") or a condition or speculation ("may attack",
/// "if they attack"; a plan, "will attack", stays, marked hypothetical), and a plan is
/// coded as the intent to it (036 for a planned visit, 0311 for a planned purchase); a
/// sentence that holds one of PETRARCH's story-level discards ("world cup", "midfielder")
/// gives no event from the project's rules either, nor does "X told Reuters" (the wire is
/// the channel, not a target): the field codes what happened, and not sport, as the dev
/// sets' conventions and the CAMEO manual do.
/// `monadic` reports all of these as the seeds' gold codes them (its rule 3: a named
/// person's statement is an event of its own, aimed at no one; negated and conditional
/// events are kept, marked `negated` or `hypothetical`; a plan keeps its act's code).
/// Everything else the stage does is the same under both.
public enum EventConvention: String, Sendable, CaseIterable {
    case dyadic
    case monadic

    public static let standard = EventConvention.dyadic
}
