import Foundation
import Testing
@testable import Pipeline
import TestSupport

/// Actor codes: the parts of a code, the embedded Phoenix-derived dictionaries, the coder's
/// rules for agents, countries and dated roles, and the generated tables against their
/// generator.
@Suite struct EventActorTests {
    private let coder = ActorCoder.standard

    private func code(_ phrase: String, on day: Int? = 20190601, fallback: String? = nil) -> String? {
        coder.code(ActorCoder.fold(phrase), on: day, fallbackCountry: fallback)
    }

    @Test func codePartsFollowGDELT() {
        let dictionary = ActorDictionary.standard
        let judiciary = dictionary.parts(of: "USAGOVJUD")
        #expect(judiciary == ActorCode(code: "USAGOVJUD", country: "USA", type1: "GOV", type2: "JUD"))
        #expect(dictionary.parts(of: "IGOUNO") == ActorCode(code: "IGOUNO", country: nil, type1: "IGO", type2: nil))
        #expect(dictionary.parts(of: "---REB") == ActorCode(code: "---REB", country: nil, type1: "REB", type2: nil))
        #expect(dictionary.parts(of: "CHN") == ActorCode(code: "CHN", country: "CHN", type1: nil, type2: nil))
    }

    @Test func countriesAdjectivesAndCapitals() {
        #expect(code("China") == "CHN")
        #expect(code("Chinese") == "CHN")
        #expect(code("Nairobi") == "KEN")
        #expect(code("the United Nations") == "IGOUNO")
        #expect(coder.countryCode(ofName: "United States") == "USA")
        #expect(coder.countryCode(ofName: "Reuters") == nil)
        // Countries Phoenix codes only with dates (they came into being) are countries too.
        #expect(coder.countryCode(ofName: "Belarus") == "BLR")
        #expect(code("Ukrainian police") == "UKRCOP")
        #expect(ActorDictionary.standard.parts(of: "IRQMIL").country == "IRQ")
    }

    @Test func agentsTakeTheirCountryFromThePhraseOrTheContext() {
        #expect(code("Kenyan police") == "KENCOP")
        #expect(code("a court in Kenya") == "KENJUD")
        #expect(code("police", fallback: "NGA") == "NGACOP")
        #expect(code("rebels") == "---REB")
        #expect(code("Russian troops") == "RUSMIL")
    }

    @Test func peopleAreCodedByTheRoleTheyHeldThatDay() {
        #expect(code("Xi Jinping", on: 20190601) == "CHNGOV")
        // Tigran Sarkisyan: ARMGOVBUS 2003-2008, ARMGOV from 2008-04-09.
        #expect(code("Tigran Sarkisyan", on: 20050101) == "ARMGOVBUS")
        #expect(code("Tigran Sarkisyan", on: 20100101) == "ARMGOV")
        // The project's additions: office holders after the dictionaries' 2015 update.
        #expect(code("Donald Trump", on: 20160101) == "USABUS")
        #expect(code("Donald Trump", on: 20190101) == "USAGOV")
        // Unknown to the dictionaries on that day: coded by the stated role and country.
        #expect(code("Chinese Vice Premier Liu He", on: 20250101) == "CHNGOV")
        // A role stated before a known name is the role held then (Dini's undated default is
        // ITAELI; he was foreign minister in August 1996); "former" makes it an elite's.
        #expect(code("Lamberto Dini", on: 19960831) == "ITAELI")
        #expect(code("Italian Foreign Minister Lamberto Dini", on: 19960831) == "ITAGOV")
        #expect(code("former Tanzanian president", on: 19960831) == "TZAELI")
        #expect(code("Tanzanian president", on: 19960831) == "TZAGOV")
        // An office's term outranks an open-ended elite row that also holds the day: Talbott
        // is "[USAELI >640101]" and "[USAGOV 19940223-20010119]".
        #expect(code("Strobe Talbott", on: 19960826) == "USAGOV")
        #expect(code("Strobe Talbott", on: 20050101) == "USAELI")
        // "former" makes an elite of an office holder, not of a guerrilla.
        #expect(code("former Nicaraguan guerrillas", on: 19960831) == "NICREB")
    }

    @Test func eventsCarryCodesAndTheResolvedDay() throws {
        let text = """
            {"title": "Talks", "published": "2019-05-09T10:00:00Z", "text": "Chinese Vice Premier Liu He met U.S. Trade Representative Robert Lighthizer in Washington on Tuesday, officials said."}
            """
        let input = ArticleInput(source: ArticleSource(path: "talks.json"), bytes: Array(text.utf8))
        let doc = try EventExtractor().process(TextAnalyzer().process(BoilerplateCleaner().process(ArticleDecoder().process(input))))
        let meeting = try #require(doc.events.first { $0.root == "04" })
        #expect(meeting.sourceActor?.code == "CHNGOV")
        #expect(meeting.sourceActor?.country == "CHN")
        #expect(meeting.targetActor?.code == "USAGOV")
        #expect(meeting.date == "2019-05-07")
    }

    /// Under the `monadic` convention: these tests read statements aimed at no one too.
    private func events(_ body: String, published: String = "1996-08-30") throws -> [Event] {
        var w = JSONWriter()
        w.beginObject(); w.key("published"); w.string(published); w.key("text"); w.string(body); w.endObject()
        let input = ArticleInput(source: ArticleSource(path: "story.json"), bytes: w.bytes)
        return try EventExtractor(convention: .monadic).process(TextAnalyzer().process(BoilerplateCleaner().process(ArticleDecoder().process(input)))).events
    }

    /// "X, Y and Z condemned W": every member is a source, one event per pair.
    @Test func coordinationGivesOneEventPerPair() throws {
        let found = try events("Syria, Iraq and Iran condemned Israel over the settlements on Tuesday.")
        let pairs = Set(found.filter { $0.code == "111" }.map { "\($0.sourceActor?.code ?? "-")>\($0.targetActor?.code ?? "-")" })
        #expect(pairs == ["SYR>ISR", "IRQ>ISR", "IRN>ISR"])
        #expect(found.allSatisfy { $0.date == "1996-08-27" })
    }

    /// A country's other name the gazetteer lacks ("Britain") acts as the country; a plural
    /// demonym ("Israelis") is its country; a person's stated country and role reach them
    /// through a lower-case role noun ("former Tanzanian president Julius Nyerere").
    @Test func countryNamesDemonymsAndStatedRoles() throws {
        let condemned = try #require(try events("Britain condemned Iraq on Saturday.").first { $0.code == "111" })
        #expect(condemned.sourceActor?.code == "GBR")
        #expect(condemned.targetActor?.code == "IRQ")
        let urged = try #require(try events("The German government urged Israelis on Friday to avoid war.").first { $0.root == "02" })
        #expect(urged.targetActor?.code == "ISR")
        let met = try #require(try events("Italian Foreign Minister Lamberto Dini on Saturday met former Tanzanian president Julius Nyerere in Rome.",
                                          published: "1996-08-31").first { $0.root == "04" })
        #expect(met.sourceActor?.code == "ITAGOV")
        #expect(met.targetActor?.code == "TZAELI")
    }

    /// A subject pronoun refers back to the previous sentence's subject, not to the last
    /// person it named.
    @Test func aSubjectPronounTakesThePreviousSubject() throws {
        let found = try events("""
            Kenyan President Daniel arap Moi, whom Tanzanian President Benjamin Mkapa telephoned on Monday, arrived in Rome on Friday.

            He later criticised Uganda over the border closure.
            """)
        let criticised = try #require(found.first { $0.code == "111" })
        #expect(criticised.sourceActor?.code == "KENGOV")
        #expect(criticised.targetActor?.code == "UGA")
    }

    /// The words of a title between a country adjective and a name tie the person to the
    /// country ("Kenyan presidential adviser Joseph Mwangi"); a verb between them does not
    /// ("Ugandan troops attacked Joseph Mwangi").
    @Test func aTitleBeforeANameTiesThePersonToTheCountry() throws {
        let criticised = try #require(try events("Kenyan presidential adviser Joseph Mwangi criticised Uganda on Monday.").first { $0.code == "111" })
        #expect(criticised.sourceActor?.country == "KEN")
        let attacked = try #require(try events("Ugandan troops attacked Joseph Mwangi near the border on Monday.").first { $0.root == "19" })
        #expect(attacked.sourceActor?.code == "UGAMIL")
        #expect(attacked.targetActor?.country != "UGA")
    }

    /// "X and Y signed": a joint act with no object is aimed by the first at the second; the
    /// role words before a name give its types ("rebel military leader X": REB).
    @Test func aJointActOfTwoIsCodedFromTheFirstToTheSecond() throws {
        let found = try events("Sudanese rebel military leader John Garang and Kenyan envoy Daniel Mwangi signed a package of documents in Nairobi on Monday.")
        let signed = try #require(found.first { $0.code == "057" })
        #expect(signed.sourceActor?.code == "SDNREB")
        #expect(signed.targetActor?.code == "KENGOV")
    }

    /// A counterpart holds the office of the person whose counterpart they are; an agent
    /// noun among the title words after a country is its type ("the U.S. special envoy").
    @Test func counterpartsAndTitlesAfterACountry() throws {
        let met = try #require(try events("Kenyan Foreign Minister Stephen Kalonzo met his Ugandan counterpart Eriya Kategaya in Nairobi on Monday.")
            .first { $0.root == "04" })
        #expect(met.sourceActor?.code == "KENGOV")
        #expect(met.targetActor?.code == "UGAGOV")
        let talks = try #require(try events("Kalonzo criticised the U.S. special envoy to Sudan on Monday.").first { $0.code == "111" })
        #expect(talks.targetActor?.code == "USAGOV")
        // The office may be stated in another sentence, for the counterpart or for the person
        // whose counterpart they are.
        let later = try events("German Defence Minister Volker Ruehe arrived in Tel Aviv on Monday.\n\nRuehe met his Israeli counterpart Yitzhak Mordechai in Jerusalem on Tuesday.")
        #expect(later.first { $0.root == "04" && $0.target == "Yitzhak Mordechai" }?.targetActor?.code == "ISRGOV")
    }

    /// The agent noun after coordinated demonyms belongs to each of them, and a country the
    /// ISO list writes inverted ("Palestine, State of") is a country like any other.
    @Test func anAgentNounAfterCoordinatedDemonymsBelongsToEach() throws {
        let deported = try events("Kenya last year deported thousands of Ugandan and Tanzanian workers.").filter { $0.root == "17" }
        #expect(Set(deported.compactMap(\.targetActor?.code)) == ["UGALAB", "TZALAB"])
        let urged = try events("The German government urged Israelis and Palestinians on Friday to avoid violence.").filter { $0.root == "02" }
        #expect(Set(urged.compactMap(\.targetActor?.code)) == ["ISR", "PSE"])
    }

    /// A compound's last part reads as the word ("heavily-armed men" are armed men), and
    /// commas alone make an apposition, not a list: "the United Nations, Madeleine
    /// Albright, arrived" has one source.
    @Test func compoundAgentsAndAppositions() throws {
        let attack = try #require(try events("A group of heavily-armed men attacked a police post near Nairobi on Friday.").first { $0.root == "19" })
        #expect(attack.sourceActor?.code == "KENUAF")
        let arrived = try events("The U.S. ambassador to the United Nations, Madeleine Albright, arrived in Chile on Friday.").filter { $0.root == "04" }
        #expect(arrived.map(\.source) == ["Madeleine Albright"])
        // A hyphenated title between a role word and the name is read through.
        let talks = try #require(try events("Kenyan Foreign Minister Stephen Kalonzo on Monday discussed with rebel chief-of-staff Paul Malong a framework agreement in Nairobi.").first { $0.root == "04" })
        #expect(talks.targetActor?.type1 == "REB")
        // A country named by its capital keeps the agent noun after it.
        let protest = try #require(try events("Germany protested to the Tehran government on Friday.").first { $0.root == "14" })
        #expect(protest.targetActor?.code == "IRNGOV")
    }

    /// An agent noun right before the verb is its subject, not a name farther back; the
    /// subject of a passive is its target.
    @Test func anAgentRightBeforeTheVerbIsItsSubject() throws {
        let found = try events("Three Kenyan soldiers were killed on Saturday when gunmen attacked a police post near Nairobi.")
        let attacked = try #require(found.first { $0.trigger == "attacked" })
        #expect(attacked.sourceActor?.code == "KENUAF")
        #expect(attacked.targetActor?.code == "KENCOP")
        // A passive with no agent names no source: the soldiers killed did not kill.
        #expect(!found.contains { $0.trigger == "killed" })
        // A passive's agent may be an agent noun rather than a name.
        let arrest = try #require(try events("John Smith was arrested by police in Nairobi on Friday.").first { $0.root == "17" })
        #expect(arrest.sourceActor?.code == "KENCOP")
        #expect(arrest.target == "John Smith")
        let jailed = try #require(try events("John Smith was jailed for 15 years by a Hong Kong court on Friday.").first { $0.root == "17" })
        #expect(jailed.sourceActor?.code == "HKGJUD")
    }

    /// "X said Y attacked Z" is Y→Z, and X's statement is an event of its own (issue 11).
    @Test func aReportedActAndItsStatementAreBothEvents() throws {
        let found = try events("Kenyan Foreign Minister Stephen Kalonzo said Ugandan troops attacked Sudanese rebels near the border on Friday.")
        let attack = try #require(found.first { $0.root == "19" })
        #expect(attack.sourceActor?.code == "UGAMIL")
        #expect(attack.targetActor?.code == "SDNREB")
        let statement = try #require(found.first { $0.code == "010" })
        #expect(statement.sourceActor?.code == "KENGOV")
        // A news medium's "… said" only says where the report comes from.
        let reported = try events("Ugandan troops attacked Sudanese rebels near the border on Friday, the Xinhua news agency said.")
        #expect(reported.contains { $0.root == "19" })
        #expect(!reported.contains { $0.code == "010" })
        // A medium by the noun after its name; a spokesman still speaks for his body.
        let agency = try events("Ugandan troops attacked Sudanese rebels on Friday, Interfax news agency said.")
        #expect(!agency.contains { $0.code == "010" })
        let spokesman = try events("A Foreign Ministry spokesman said the talks would resume on Friday.")
        #expect(spokesman.contains { $0.code == "010" })
        // Unnamed officials of a body are where the report comes from, as "a US official".
        let officials = try events("United Nations relief officials said on Saturday the fighting was between rival factions.")
        #expect(!officials.contains { $0.code == "010" })
    }

    /// The most specific code the words support: a project rule's 112 for "accused" gives
    /// way to the field's 1123 for "accused … of aggression", with the same actors.
    @Test func theMostSpecificCodeTheWordsSupport() throws {
        let accused = try #require(try events("Iraq accused Iran of aggression on Thursday.").first { $0.root == "11" })
        #expect(accused.code == "1123")
        #expect(accused.sourceActor?.code == "IRQ" && accused.targetActor?.code == "IRN")
        let plain = try #require(try events("Iraq accused Iran on Thursday.").first { $0.root == "11" })
        #expect(plain.code == "112")
    }

    /// Only a sentence that names two actors (names, pronouns for them, agent phrases) is
    /// worth its parse: the field's rules code acts between two.
    @Test func onlySentencesWithTwoActorsAreWorthAParse() throws {
        func namesTwo(_ text: String) throws -> Bool {
            let input = ArticleInput(source: ArticleSource(path: "s.txt"), bytes: Array(text.utf8))
            let frame = TextFrame(document: try TextAnalyzer().process(BoilerplateCleaner().process(ArticleDecoder().process(input))))
            let coding = EventActorCoding(frame: frame, coder: .standard, published: nil)
            return coding.namesTwoActors(frame.sentenceTokens[0])
        }
        #expect(try !namesTwo("The weather stayed fine over the weekend."))
        #expect(try !namesTwo("Kenya said the weather stayed fine over the weekend."))
        #expect(try namesTwo("Police arrested two rebels in the hills."))
        #expect(try namesTwo("Kenya accused Uganda of aggression."))
        #expect(try namesTwo("Kenya accused security forces of looting."))
    }

    /// Agents without names: "police arrested", coded with the story's country.
    @Test func agentNounsAreActors() throws {
        let found = try events("Kenyan police arrested two opposition leaders in Nairobi on Friday.")
        let arrest = try #require(found.first { $0.code == "173" })
        #expect(arrest.sourceActor?.code == "KENCOP")
        #expect(arrest.targetActor?.code == "KENOPP")
        // The place an agent is in is not the subject: "police in southwest China" are CHNCOP.
        let arrested = try #require(try events("Police in southwest China have arrested 30 people, Xinhua said on Friday.").first { $0.code == "173" })
        #expect(arrested.sourceActor?.code == "CHNCOP")
        // Or the place it comes from: "troops from Uganda" are UGAMIL.
        let attacked = try #require(try events("Kenyan officials in Nairobi said troops from Uganda attacked rebels near the Kenyan border in Kenya on Friday.").first { $0.root == "19" })
        #expect(attacked.sourceActor?.code == "UGAMIL")
    }

    /// PETRARCH's discards: sports results are not coded by the field's rules.
    @Test func sportsSentencesAreDiscarded() throws {
        #expect(try events("Romania beat Lithuania 2-1 in their European under-21 soccer match on Friday.").isEmpty)
    }

    /// A statement aimed at no one in a story PETRARCH discards, or by a business, is no
    /// political event; the same statement by a minister in a political story is.
    @Test func statementsOutsidePoliticsAreNotEvents() throws {
        #expect(try statement("German striker Juergen Klinsmann has said he will retire after the 1998 World Cup in France.") == nil)
        #expect(try statement("Jones Medical Industries Inc said on Friday it completed the acquisition of a drug maker.") == nil)
        #expect(try statement("Microsoft said on Friday over 130 games are in the works.") == nil)
        #expect(try statement("German Foreign Minister Klaus Kinkel said on Friday the talks would resume in Bonn.")?.sourceActor?.code == "DEUGOV")
        // An organisation the dictionaries give no role is where a report comes from; a
        // ministry speaks as an actor.
        #expect(try statement("There were 162 rigs under contract in the Gulf on Friday, Offshore Data Services said.") == nil)
        #expect(try statement("The German Foreign Ministry said on Friday the talks would resume in Bonn.")?.sourceActor?.type1 == "GOV")
    }

    /// An unnamed group or medium right before "said" is where a report comes from, not
    /// the name before it; a named speaker in the same place speaks.
    @Test func anUnnamedGroupBeforeSaidIsAnAttribution() throws {
        #expect(try statement("Copper prices fell on Friday after price cuts by Kenya Copper Ltd, traders said.") == nil)
        #expect(try statement("Copper prices fell on Friday after price cuts by Kenya Copper Ltd, Kenyan Trade Minister Joseph Kamotho said.")?
            .sourceActor?.code == "KENGOV")
        // A medium right before "said" is the report's source, a spokesman his body's voice.
        #expect(try statement("The government of Chad has closed the university after two days of protests, state radio said on Friday.") == nil)
    }

    /// The plain statement (010) coded in `body`, if any.
    private func statement(_ body: String) throws -> Event? {
        try events(body).first { $0.code == "010" }
    }

    /// An act between actors no dictionary codes is not counted; one coded side is enough,
    /// and a plain statement by an uncoded person stays an event (the seeds' convention).
    @Test func anActNeedsACodedActor() throws {
        #expect(!(try events("Marco Arment criticizes Samantha Bielefeld in a long post.")).contains { $0.root == "11" })
        #expect(try events("Marco Arment criticizes the Kenyan government in a long post.").contains { $0.root == "11" })
        #expect(try events("Marco Arment said the post was long.").contains { $0.code == "010" })
    }

    /// Declining or refusing to say, speculate or elaborate is declining comment (011), as
    /// the CAMEO manual codes it, not a rejection (12x) of whatever follows.
    @Test func decliningToSayIsDecliningComment() throws {
        let found = try events("Kenyan Foreign Minister Stephen Kalonzo declined to say whether the talks would resume.")
        #expect(found.contains { $0.code == "011" && $0.sourceActor?.code == "KENGOV" })
        #expect(!found.contains { $0.root == "12" })
        let refused = try events("Kenyan Foreign Minister Stephen Kalonzo refused to speculate on Friday on the talks.")
        #expect(refused.contains { $0.code == "011" })
    }

    /// A phrase behind "in" after the verb is where an act happens, not whom it reaches.
    @Test func aPlaceAfterInIsNoTarget() throws {
        let found = try events("A Moscow judge was shot on Friday. The judge died later in hospital.")
        #expect(!found.contains { $0.targetActor?.type1 == "HLH" })
        let arrest = try #require(try events("Kenyan police arrested two opposition leaders in Nairobi on Friday.").first { $0.code == "173" })
        #expect(arrest.targetActor?.code == "KENOPP")
    }

    /// Codes and the day reach the database, the GDELT view and the export.
    @Test func codesReachTheStoreAndTheGDELTView() throws {
        let text = """
            {"title": "Talks", "published": "2019-05-09T10:00:00Z", "text": "Chinese Vice Premier Liu He met U.S. Trade Representative Robert Lighthizer in Washington on Tuesday, officials said."}
            """
        let input = ArticleInput(source: ArticleSource(path: "talks.json"), bytes: Array(text.utf8))
        let doc = try EventExtractor().process(TextAnalyzer().process(BoilerplateCleaner().process(ArticleDecoder().process(input))))
        let temporary = try TemporaryFolder()
        let folder = temporary.url
        let store = try ArticleStore(path: folder.appendingPathComponent("g.sqlite").path)
        _ = try store.write([.document(doc)])
        var rows: [[String]] = []
        try store.gdeltEvents { rows.append($0) }
        let columns = ArticleStore.gdeltColumns
        func field(_ row: [String], _ name: String) -> String { row[columns.firstIndex(of: name)!] }
        let meeting = try #require(rows.first { field($0, "EventRootCode") == "04" })
        #expect(field(meeting, "Actor1Code") == "CHNGOV")
        #expect(field(meeting, "Actor1CountryCode") == "CHN")
        #expect(field(meeting, "Actor1Type1Code") == "GOV")
        #expect(field(meeting, "Actor2Code") == "USAGOV")
        #expect(field(meeting, "SQLDATE") == "20190507")
        var exported: [ExtractedDocument] = []
        try store.exportDocuments { exported.append($0) }
        #expect(exported.map(ContractEncoding.line) == [ContractEncoding.line(doc)])
    }

    /// The committed tables are what `scripts/generate-actor-tables` makes of the
    /// PETRARCH2 dictionaries.
    @Test func generatedTablesMatchTheGenerator() throws {
        let source = PackageRoot.sharedData.appendingPathComponent("cameo/petrarch2").path
        guard FileManager.default.fileExists(atPath: source + "/Phoenix.agents.txt") else {
            print("skipped: the PETRARCH2 dictionaries are not at \(source)")
            return
        }
        let temporary = try TemporaryFolder()
        let out = temporary.url.appendingPathComponent("actors")
        #expect(runTool(["python3", PackageRoot.url.appendingPathComponent("scripts/generate-actor-tables").path, source, out.path]) == 0)
        for name in ["actors.tsv", "agents.tsv"] {
            let made = try Data(contentsOf: out.appendingPathComponent(name))
            let committed = try Data(contentsOf: PackageRoot.url.appendingPathComponent("data/actors/" + name))
            #expect(made == committed, "data/actors/\(name) differs from the generator's output: rerun scripts/generate-actor-tables")
        }
    }
}
