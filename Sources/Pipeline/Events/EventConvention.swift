/// Which events the events stage reports: the one point on which the field's coders and the
/// seeds' gold differ by design.
///
/// `dyadic`, the default, is PETRARCH2's (`get_events(require_dyad=1)`) and the convention
/// of the three events dev sets: an event has a source and a target, so events can be
/// counted by dyad ("every event's source and target get a CAMEO actor code", issue 11).
/// A statement or act aimed at no one ("Lebed said the talks went well") is then no event,
/// nor is a negated one ("did not attack") or a condition or speculation ("may attack",
/// "if they attack"; a plan, "will attack", stays, marked hypothetical): the field codes
/// what happened, as the dev sets' conventions and the CAMEO manual do. `monadic` also reports both, as the seeds' gold
/// codes them (its rule 3: a named person's statement is an event of its own, aimed at no
/// one; a negated event is kept with `polarity: negated`). Everything else the stage does
/// is the same under both.
public enum EventConvention: String, Sendable, CaseIterable {
    case dyadic
    case monadic

    public static let standard = EventConvention.dyadic
}
