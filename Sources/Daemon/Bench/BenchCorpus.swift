import ArgumentParser
import Foundation
import Glibc
import Pipeline

/// Writes N distinct article files built from the seed corpus, varied so that no two are
/// alike (no cache or duplicate check makes the run easy) and about 4 KB each.
struct BenchCorpus {
    let seeds: [String]

    /// Loads the `.txt` seeds of `folder`.
    init(seedFolder: String) throws {
        guard let listed = try? FileManager.default.contentsOfDirectory(atPath: seedFolder) else {
            throw ValidationError("cannot read the seed folder '\(seedFolder)': run the benchmark from the repository, or pass --corpus with a folder of .txt articles")
        }
        let names = listed.filter { $0.hasSuffix(".txt") }.sorted()
        seeds = try names.map { try String(contentsOfFile: seedFolder + "/" + $0, encoding: .utf8) }
        guard !seeds.isEmpty else {
            throw ValidationError("no .txt articles in \(seedFolder) to build a benchmark corpus from")
        }
    }

    /// The text of article `n`: a seed's paragraphs rotated and trimmed to about 4 KB, with
    /// a paragraph of its own (names, amounts and dates vary with `n`).
    func article(_ n: Int) -> String {
        let seed = seeds[n % seeds.count]
        var paragraphs = seed.components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let shift = (n / seeds.count) % max(1, paragraphs.count)
        paragraphs = Array(paragraphs[shift...] + paragraphs[..<shift])
        var text = ""
        for paragraph in paragraphs where text.utf8.count + paragraph.utf8.count < 3800 {
            text += paragraph + "\n\n"
        }
        let places = ["Geneva", "Nairobi", "Lima", "Hanoi", "Oslo", "Cairo", "Manila", "Bogota"]
        let people = ["Maria Santos", "Ahmed Karim", "Lena Novak", "Kenji Mori", "Ana Lima", "Tom Brooks"]
        text += "\(people[n % people.count]) said in \(places[(n / 3) % places.count]) on March \(n % 28 + 1) that "
            + "trade worth $\(n % 900 + 100) million was at stake in round \(n), up \(n % 40 + 1) percent.\n"
        return text
    }

    /// Writes articles `range` into `folder` as `bench-<n>.txt`. `aged` dates them an
    /// hour back, as files waiting since before a restart would be.
    func write(_ range: Range<Int>, into folder: String, aged: Bool = false) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var times = [timespec](repeating: timespec(tv_sec: time(nil) - 3600, tv_nsec: 0), count: 2)
        for n in range {
            let path = folder + "/" + Self.name(n)
            try Data(article(n).utf8).write(to: URL(fileURLWithPath: path))
            if aged { utimensat(AT_FDCWD, path, &times, 0) }
        }
    }

    static func name(_ n: Int) -> String {
        "bench-\(n).txt"
    }
}
