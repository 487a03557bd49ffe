import Foundation
import Testing
import Pipeline
import ServiceCore
import TestSupport

/// The configuration file: comments, booleans, errors that name the line.
@Suite struct ServeConfigurationTests {
    @Test func aHashInsideAValueIsKept() throws {
        let config = try ServeConfiguration.parse("inbox = /srv/news#1/inbox\ndatabase = /srv/db.sqlite # the store\n", path: "t.conf")
        #expect(config.inbox == "/srv/news#1/inbox")
        #expect(config.database == "/srv/db.sqlite")
    }

    @Test func aLineThatIsACommentIsSkipped() throws {
        let config = try ServeConfiguration.parse("# inbox = /nowhere\n   # indented comment\n\ninbox = /a\n", path: "t.conf")
        #expect(config.inbox == "/a")
    }

    @Test func everyBooleanTakesTheSameSpellings() throws {
        for (text, expected) in [("true", true), ("yes", true), ("YES", true), ("False", false), ("no", false)] {
            let config = try ServeConfiguration.parse("delete_done = \(text)\nevents_stage = \(text)\n", path: "t.conf")
            #expect(config.deleteDone == expected, "delete_done = \(text)")
            #expect(config.eventsStage == expected, "events_stage = \(text)")
        }
    }

    @Test func theEntitiesKeyChoosesWhoDecidesNames() throws {
        #expect(try ServeConfiguration.parse("", path: "t.conf").entities == EntityDecision.standard)
        #expect(try ServeConfiguration.parse("entities = rules\n", path: "t.conf").entities == .rules)
        #expect(try ServeConfiguration.parse("entities = model\n", path: "t.conf").entities == .model)
        #expect {
            _ = try ServeConfiguration.parse("entities = gazetteer\n", path: "g.conf")
        } throws: { error in
            "\(error)".hasPrefix("g.conf:1: entities must be model or rules")
        }
    }

    @Test func aBadValueNamesTheFileTheLineAndTheKey() {
        #expect {
            _ = try ServeConfiguration.parse("inbox = /a\nevents_stage = maybe\n", path: "/etc/g.conf")
        } throws: { error in
            "\(error)".hasPrefix("/etc/g.conf:2: events_stage must be true or false")
        }
        #expect {
            _ = try ServeConfiguration.parse("stop_timeout = 3\n", path: "g.conf")
        } throws: { error in
            "\(error)".contains("unknown key `stop_timeout`")
        }
    }

    @Test func stopTimeoutIsReadAndMustBePositive() throws {
        #expect(try ServeConfiguration.parse("stop_timeout_seconds = 2.5\n", path: "g.conf").stopTimeoutSeconds == 2.5)
        #expect(ServeConfiguration().stopTimeoutSeconds < 60, "the default must fit in the unit's TimeoutStopSec=60s")
        #expect(throws: ConfigurationError.self) { _ = try ServeConfiguration.parse("stop_timeout_seconds = 0\n", path: "g.conf") }
    }

    @Test func theShippedConfigurationParses() throws {
        let text = try String(contentsOf: PackageRoot.url.appendingPathComponent("deploy/gleaner.conf"), encoding: .utf8)
        _ = try ServeConfiguration.parse(text, path: "deploy/gleaner.conf")
    }
}
