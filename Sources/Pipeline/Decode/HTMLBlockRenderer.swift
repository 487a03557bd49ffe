import CLibXML2

/// Reads an HTML page with libxml2's forgiving HTML parser and renders it as block text:
/// one block per paragraph, heading, list item or other block element, a blank line
/// between blocks, inline whitespace collapsed as a browser does. Scripts, styles, hidden
/// elements and other non-text elements are skipped. Each block is also recorded as a
/// `TextBlock` with what the markup says about it (tag, landmark, links, class/id hints),
/// for the clean stage to judge. Metadata comes from `<title>`, `<meta>` (Open Graph,
/// `article:`), `<link rel=canonical>`, JSON-LD, `<time datetime>` and `<html lang>`.
///
/// The parser runs in recover mode, never touches the network and never prints.
enum HTMLBlockRenderer {
    struct Page {
        var text: String
        var metadata: DocumentMetadata
        var blocks: [TextBlock]
    }

    /// libxml2 wants one global initialisation before parsers run on several threads.
    private static let parserReady: Bool = {
        xmlInitParser()
        return true
    }()

    /// Elements whose content is never article text.
    static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
        "canvas", "head", "select", "button", "input", "textarea", "map", "video", "audio",
    ]

    /// Elements that start and end a block of text.
    static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
        "article", "section", "header", "footer", "nav", "aside", "main", "figure", "figcaption",
        "table", "tr", "caption", "ul", "ol", "dl", "address", "hr", "form", "fieldset",
        "legend", "details", "summary", "body", "center", "dialog", "menu",
    ]

    /// What the walk knows about the element it is inside.
    private struct Context {
        var tag: String
        var hint: BoilerplateReason?
        var hintScope: Int
        var articleScope: Int?
        var articleClass: UInt64 = 0
        var linkDepth: Int
    }

    static func read(_ html: String) throws(PipelineError) -> Page {
        _ = parserReady
        var bytes = Self.removingNoscript(Array(html.utf8))
        guard bytes.count < Int32.max else {
            throw PipelineError(.tooLarge, stage: .decode, "HTML page is too large for the parser (over 2 GiB)")
        }
        bytes.append(0)
        // NOERROR/NOWARNING silence the parser's own reports; the structured handler
        // (thread-local in libxml2) also catches anything reported through the generic
        // path, so nothing ever reaches stderr.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        // The text is already Unicode: tell the parser it is UTF-8, so a `<meta charset>`
        // in the page (already honoured by the decoder) cannot make it decode twice.
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count - 1), nil, "UTF-8", options)
            }
        }
        guard let document = parsed else {
            throw PipelineError(.malformed, stage: .decode, "HTML could not be parsed even in recovery mode")
        }
        defer { xmlFreeDoc(document) }
        guard xmlDocGetRootElement(document) != nil else {
            throw PipelineError(.noText, stage: .decode, "HTML page has no elements")
        }
        var renderer = BlockText()
        var meta = PageMetadata()
        var contexts: [Context] = [Context(tag: "body", hint: nil, hintScope: 0, articleScope: nil, linkDepth: 0)]
        var serial = 0

        // Iterative depth-first walk: pages can nest deeper than the stack likes.
        var stack: [(node: xmlNodePtr, leaving: Bool)] = []
        var top = document.pointee.children
        var tops: [xmlNodePtr] = []
        while let node = top { tops.append(node); top = node.pointee.next }
        for node in tops.reversed() { stack.append((node, false)) }
        while let (node, leaving) = stack.popLast() {
            let type = node.pointee.type
            if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
                if let content = node.pointee.content {
                    renderer.appendInline(content, inLink: contexts[contexts.count - 1].linkDepth > 0)
                }
                continue
            }
            guard type == XML_ELEMENT_NODE, let rawName = node.pointee.name else { continue }
            let name = lowerName(rawName)
            if leaving {
                if blocks.contains(name) { renderer.endBlock(cell: false, context: blockInfo(contexts)) }
                else if name == "td" || name == "th" { renderer.endBlock(cell: true, context: blockInfo(contexts)) }
                contexts.removeLast()
                continue
            }
            switch name {
            case "html":
                meta.language = attribute("lang", of: node) ?? attribute("xml:lang", of: node)
            case "title":
                if meta.titleTag == nil { meta.titleTag = collapsedText(of: node) }
                continue
            case "meta":
                meta.read(meta: node)
                continue
            case "link":
                if attribute("rel", of: node)?.lowercased() == "canonical", let href = attribute("href", of: node), !href.isEmpty {
                    meta.canonical = meta.canonical ?? href
                }
                continue
            case "script":
                if attribute("type", of: node)?.lowercased().contains("ld+json") == true {
                    meta.readLinkedData(rawText(of: node))
                }
                continue
            case "br":
                renderer.lineBreak()
                continue
            case "time":
                renderer.markTime()
                if let datetime = attribute("datetime", of: node), !datetime.isEmpty { meta.times.append(datetime) }
            default:
                break
            }
            if name == "head" {
                var child = node.pointee.last
                while let current = child {
                    stack.append((current, false))
                    child = current.pointee.prev
                }
                continue
            }
            if skipped.contains(name) { continue }
            // Themes put navigation and sidebar state classes on `<body>` and `<html>`:
            // a hint that far up says nothing about the text.
            let pageWide = name == "body" || name == "html"
            let hint = MarkupHint.of(tag: name, role: attribute("role", of: node),
                                     classAndID: pageWide ? "" : classAndID(of: node), hidden: isHidden(node))
            if hint == .hidden { continue }
            if blocks.contains(name) { renderer.endBlock(cell: false, context: blockInfo(contexts)) }
            serial += 1
            var context = contexts[contexts.count - 1]
            if blocks.contains(name) || name == "td" || name == "th" { context.tag = name }
            switch hint {
            case .furniture(let reason)?:
                // The nearest furniture wins: a share bar inside a footer is a share bar.
                context.hint = reason
                context.hintScope = serial
            case .article?:
                // The nearest landmark wins here too: the article's own landmark (`<article>`,
                // `<main>`, `role=main`, `itemprop=articleBody`) inside a furniture-named
                // container (a paywall or premium box holding the story for subscribers,
                // an "ad-portal" wrapper around the page) holds the story. Teaser cards
                // marked up as `<article>` in a related box lose later, when the cleaner
                // picks the container with most of the page's prose. A class name alone
                // ("entry-content" on a sidebar widget) does not overrule furniture.
                if context.hint == .paywall || context.hint == .subscription || Self.isLandmark(name, node) {
                    context.hint = nil
                }
                if context.hint == nil {
                    context.articleScope = serial
                    // Only a class names a kind of section: its class names without those
                    // holding a digit ("version-2", generated "css-1r7ky0e"), in any order.
                    // "story theme-main" and "story theme-summary" (a teaser) differ.
                    // Classless containers stand alone.
                    context.articleClass = 0
                    let names = (attribute("class", of: node) ?? "").split(separator: " ")
                        .filter { !$0.contains(where: \.isNumber) }.sorted()
                    if !names.isEmpty {
                        var key = FNV1a.offsetBasis
                        for byte in (name + " " + names.joined(separator: " ")).utf8 { key = FNV1a.step(key, UInt64(byte)) }
                        context.articleClass = key
                    }
                }
            default:
                break
            }
            if name == "a", attribute("href", of: node) != nil { context.linkDepth += 1 }
            if name == "a", attribute("rel", of: node)?.lowercased().split(separator: " ").contains("author") == true,
               let author = deepText(of: node) {
                meta.relAuthors.append(author)
            }
            if name == "header", context.articleScope == nil, context.hint == nil {
                // A page header outside the article is the site's masthead.
                context.hint = .navigation
                context.hintScope = serial
            }
            contexts.append(context)
            stack.append((node, true))
            var child = node.pointee.last
            while let current = child {
                stack.append((current, false))
                child = current.pointee.prev
            }
        }
        let rendered = renderer.finish(context: blockInfo(contexts))
        var metadata = meta.finish()
        if metadata.byline == nil {
            // A "By ..." line of the page itself, not one inside an ad or a recommendation box.
            metadata.byline = rendered.blocks.lazy.filter { $0.hint == nil || $0.hint == .other }
                .compactMap { TextHeader.byline(in: rendered.text, block: $0) }.compactMap(AuthorName.cleaned).first
        }
        if metadata.published == nil {
            // A visible dateline or byline date: a short block with a `<time>` or a date
            // written out ("Published 3 May 2022"), outside the page's furniture.
            let scalars = Array(rendered.text.unicodeScalars)
            metadata.published = rendered.blocks.lazy
                .filter { ($0.hint == nil || $0.hint == .other) && $0.end - $0.start <= 80 }
                .compactMap { PublishedDate.iso8601(String(String.UnicodeScalarView(scalars[$0.start..<$0.end]))) }
                .first
        }
        return Page(text: rendered.text, metadata: metadata, blocks: rendered.blocks)
    }

    /// An element that says by its tag, role or microdata that it is the article.
    private static func isLandmark(_ name: String, _ node: xmlNodePtr) -> Bool {
        if name == "article" || name == "main" { return true }
        if let role = attribute("role", of: node)?.lowercased(), role == "main" || role == "article" { return true }
        return attribute("itemprop", of: node)?.lowercased().contains("articlebody") == true
    }

    /// The page without its `<noscript>` elements. A browser that runs scripts reads their
    /// content as raw text, but libxml2 parses it as markup, so an unclosed `<div>` inside
    /// one would swallow the rest of the page. Their content is never article text.
    static func removingNoscript(_ bytes: [UInt8]) -> [UInt8] {
        let open = Array("<noscript".utf8), close = Array("</noscript".utf8)
        func matches(_ pattern: [UInt8], at index: Int) -> Bool {
            guard index + pattern.count <= bytes.count else { return false }
            for (offset, byte) in pattern.enumerated() {
                let b = bytes[index + offset]
                if (b >= 65 && b <= 90 ? b + 32 : b) != byte { return false }
            }
            return true
        }
        guard let first = bytes.indices.first(where: { bytes[$0] == 0x3C && matches(open, at: $0) }) else { return bytes }
        var result = Array(bytes[..<first])
        result.reserveCapacity(bytes.count)
        var index = first
        while index < bytes.count {
            if bytes[index] == 0x3C, matches(open, at: index) {
                var end = index + open.count
                while end < bytes.count, !(bytes[end] == 0x3C && matches(close, at: end)) { end += 1 }
                while end < bytes.count, bytes[end] != 0x3E { end += 1 }
                index = end + 1
                continue
            }
            result.append(bytes[index])
            index += 1
        }
        return result
    }

    private static func blockInfo(_ contexts: [Context]) -> BlockText.Context {
        let c = contexts[contexts.count - 1]
        return BlockText.Context(tag: c.tag, hint: c.hint, hintScope: c.hintScope, articleScope: c.articleScope, articleClass: c.articleClass)
    }

    private static func lowerName(_ raw: UnsafePointer<xmlChar>) -> String {
        var bytes: [UInt8] = []
        var p = raw
        while p.pointee != 0 {
            let b = p.pointee
            bytes.append(b >= 65 && b <= 90 ? b + 32 : b)
            p += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Compares a NUL-terminated attribute name with a lower-case ASCII name, ignoring
    /// case, without building a String (this runs for every attribute of every element).
    private static func nameEquals(_ raw: UnsafePointer<xmlChar>, _ wanted: String) -> Bool {
        var p = raw
        for byte in wanted.utf8 {
            let b = p.pointee
            guard b != 0, (b >= 65 && b <= 90 ? b + 32 : b) == byte else { return false }
            p += 1
        }
        return p.pointee == 0
    }

    private static func classAndID(of node: xmlNodePtr) -> String {
        let cls = attribute("class", of: node)
        let id = attribute("id", of: node)
        let itemprop = attribute("itemprop", of: node)
        switch (cls, id, itemprop) {
        case (nil, nil, nil): return ""
        default: return [cls, id, itemprop].compactMap { $0 }.joined(separator: " ")
        }
    }

    private static func isHidden(_ node: xmlNodePtr) -> Bool {
        if attribute("hidden", of: node) != nil { return true }
        if attribute("aria-hidden", of: node)?.lowercased() == "true" { return true }
        if let style = attribute("style", of: node)?.lowercased().filter({ $0 != " " }) {
            return style.contains("display:none") || style.contains("visibility:hidden")
        }
        return false
    }

    /// The value of an attribute, read from the attribute's text children without
    /// allocating through libxml2 (whose `xmlFree` is a global the compiler cannot prove safe).
    static func attribute(_ wanted: String, of node: xmlNodePtr) -> String? {
        var property = node.pointee.properties
        while let current = property {
            if let name = current.pointee.name, nameEquals(name, wanted) {
                var value = ""
                var child = current.pointee.children
                while let text = child {
                    if let content = text.pointee.content { value += String(cString: content) }
                    child = text.pointee.next
                }
                return value
            }
            property = current.pointee.next
        }
        return nil
    }

    static func rawText(of node: xmlNodePtr) -> String {
        var text = ""
        var child = node.pointee.children
        while let current = child {
            if let content = current.pointee.content { text += String(cString: content) }
            child = current.pointee.next
        }
        return text
    }

    /// The text of every text node under `node`, whitespace collapsed.
    static func deepText(of node: xmlNodePtr) -> String? {
        var raw = ""
        var stack: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child { stack.append(current); child = current.pointee.next }
        stack.reverse()
        while let current = stack.popLast() {
            if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content { raw += String(cString: content) }
            var inner = current.pointee.last
            while let c = inner { stack.append(c); inner = c.pointee.prev }
        }
        let collapsed = raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }

    static func collapsedText(of node: xmlNodePtr) -> String? {
        var text = BlockText()
        let raw = rawText(of: node)
        raw.withCString { pointer in
            pointer.withMemoryRebound(to: xmlChar.self, capacity: raw.utf8.count + 1) { text.appendInline($0, inLink: false) }
        }
        let result = text.finish(context: .init(tag: "title", hint: nil, hintScope: 0, articleScope: nil)).text
        return result.isEmpty ? nil : result
    }
}
