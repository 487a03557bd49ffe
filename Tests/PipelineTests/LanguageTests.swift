import Foundation
import Testing
@testable import Pipeline
import TestSupport

/// The language identifier on short texts written for these tests, and the stopword lists.
@Suite struct LanguageTests {
    static var root: URL { PackageRoot.url }

    @Test(arguments: [
        ("The council voted on Tuesday to close the old harbour bridge for repairs until the spring.", "en"),
        ("Der Stadtrat hat am Dienstag beschlossen, die alte Hafenbrücke bis zum Frühjahr zu sperren.", "de"),
        ("Le conseil municipal a décidé mardi de fermer le vieux pont du port jusqu'au printemps.", "fr"),
        ("El ayuntamiento decidió el martes cerrar el viejo puente del puerto hasta la primavera.", "es"),
        ("A câmara municipal decidiu na terça-feira fechar a velha ponte do porto até à primavera.", "pt"),
        ("Il consiglio comunale ha deciso martedì di chiudere il vecchio ponte del porto fino alla primavera.", "it"),
        ("De gemeenteraad heeft dinsdag besloten de oude havenbrug tot het voorjaar te sluiten.", "nl"),
        ("Rada miasta postanowiła we wtorek zamknąć stary most portowy do wiosny.", "pl"),
        ("Городской совет во вторник решил закрыть старый портовый мост до весны.", "ru"),
        ("Městská rada v úterý rozhodla uzavřít starý přístavní most až do jara.", "cs"),
        ("Kaupunginvaltuusto päätti tiistaina sulkea vanhan satamasillan kevääseen asti.", "fi"),
        ("Το δημοτικό συμβούλιο αποφάσισε την Τρίτη να κλείσει την παλιά γέφυρα του λιμανιού.", "el"),
        ("市议会周二决定关闭旧港口大桥，直到明年春天维修完成为止。", "zh"),
        ("市議会は火曜日、古い港の橋を春まで閉鎖することを決めた。", "ja"),
        ("시의회는 화요일에 오래된 항구 다리를 봄까지 폐쇄하기로 결정했다.", "ko"),
    ])
    func identifiesShortTexts(text: String, language: String) {
        #expect(LanguageIdentifier.shared.identify(text) == language)
    }

    @Test func tooFewLettersGiveNoAnswer() {
        #expect(LanguageIdentifier.shared.identify("OK 12 34") == nil)
        #expect(LanguageIdentifier.shared.identify("") == nil)
    }

    @Test func stopwordListsByPrimarySubtag() throws {
        let german = try #require(Stopwords.shared.list(for: "de-AT"))
        #expect(german.contains("und") && german.contains("der"))
        #expect(!german.contains("hafenbrücke"))
        #expect(Stopwords.shared.list(for: "pt_BR")?.contains("não") == true)
        #expect(Stopwords.shared.list(for: "xx") == nil)
    }

    @Test func tagsNormalise() {
        #expect(LanguageTag.normalized("pt_br") == "pt-BR")
        #expect(LanguageTag.normalized(" EN-us ") == "en-US")
        #expect(LanguageTag.normalized("zh-hant-TW") == "zh-Hant-TW")
        #expect(LanguageTag.normalized("English") == nil)
        #expect(LanguageTag.primary("en_GB") == "en")
    }
}
