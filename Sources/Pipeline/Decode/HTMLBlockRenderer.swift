import CLibXML2

/// Reads an HTML page with libxml2's forgiving HTML parser and renders it as block text:
/// one block per paragraph, heading, list item or other block element, a blank line
/// between blocks, inline whitespace collapsed as a browser does. Scripts, styles, hidden
/// elements and other non-text elements are skipped. Each block is also recorded as a
/// `TextBlock` with what the markup says about it (tag, landmark, links, class/id hints),
/// for the clean stage to judge. Metadata comes from `<title>`, `<meta>` (Open Graph,
/// `article:`), `<link rel=canonical>`, JSON-LD, `<time datetime>` and `<html lang>`.
///
/// The parser runs in recover mode, never touches the network and never prints. It is
/// read as a stream (SAX callbacks, no document tree), so what a page costs in memory is
/// its rendered text and blocks, at most `maximumTextScalars` of text.
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
    fileprivate struct Context {
        var tag: String
        var hint: BoilerplateReason?
        var hintScope: Int
        var articleScope: Int?
        var articleClass: UInt64 = 0
        var linkDepth: Int
    }

    /// Open elements beyond which the walk stops, as libxml2's tree builder did
    /// (`xmlParserMaxDepth`, 256; `MarkupDepth.parserLimit` names it for failure reports).
    static let maximumDepth = 256

    /// Renders `html` while libxml2 parses it (SAX): no document tree is built, so memory
    /// follows the text kept, not the number of elements. Throws `tooLarge`, and stops
    /// parsing, as soon as the text passes `maximumTextScalars`.
    static func read(_ html: String, maximumTextScalars: Int) throws(PipelineError) -> Page {
        _ = parserReady
        let bytes = Self.removingNoscript(Array(html.utf8))
        guard bytes.count < Int32.max else {
            throw PipelineError(.tooLarge, stage: .decode, "HTML page is too large for the parser (over 2 GiB)")
        }
        // NOERROR/NOWARNING silence the parser's own reports; the structured handler
        // (thread-local in libxml2) also catches anything reported through the generic
        // path, so nothing ever reaches stderr.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        let walk = PageWalk(maximumTextScalars: maximumTextScalars)
        let parsed: Bool = bytes.withUnsafeBufferPointer { buffer in
            let context = buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    htmlCreateMemoryParserCtxt($0, Int32(buffer.count))
                }
            }
            guard let context else { return false }
            defer { htmlFreeParserCtxt(context) }
            // Only these callbacks: with no tree-building ones, libxml2 keeps no tree.
            var handler = htmlSAXHandler()
            handler.startElement = { context, name, attributes in
                PageWalk.of(context)?.start(name, HTMLAttributes(raw: attributes), parser: context)
            }
            handler.endElement = { context, _ in PageWalk.of(context)?.end() }
            handler.characters = { context, text, length in
                PageWalk.of(context)?.characters(text, Int(length), cdata: false, parser: context)
            }
            handler.cdataBlock = { context, text, length in
                PageWalk.of(context)?.characters(text, Int(length), cdata: true, parser: context)
            }
            context.pointee.sax.pointee = handler
            context.pointee._private = Unmanaged.passUnretained(walk).toOpaque()
            _ = htmlCtxtUseOptions(context, options)
            // The text is already Unicode: tell the parser it is UTF-8, so a `<meta charset>`
            // in the page (already honoured by the decoder) cannot make it decode twice.
            if let utf8 = xmlFindCharEncodingHandler("UTF-8") {
                _ = xmlSwitchToEncoding(context, utf8)
                // A named input encoding is what makes the parser ignore `<meta charset>`;
                // libxml2 frees it with the input.
                if let input = context.pointee.input, input.pointee.encoding == nil {
                    input.pointee.encoding = UnsafePointer(xmlStrdup("UTF-8"))
                }
            }
            _ = htmlParseDocument(context)
            return true
        }
        guard parsed else {
            throw PipelineError(.malformed, stage: .decode, "HTML could not be parsed even in recovery mode")
        }
        if walk.textTooLong {
            throw PipelineError(.tooLarge, stage: .decode,
                                "HTML page renders to over \(maximumTextScalars) characters of text; split it")
        }
        guard walk.sawElement else {
            throw PipelineError(.noText, stage: .decode, "HTML page has no elements")
        }
        let rendered = walk.renderer.finish(context: walk.blockInfo())
        var metadata = walk.meta.finish()
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

    /// What the parse has seen so far, fed by libxml2's SAX callbacks in document order:
    /// the same order, and the same elements, as a walk over the tree libxml2 would build.
    ///
    /// Confined to the thread running `read` (libxml2 calls back on it, synchronously).
    private final class PageWalk {
        /// What an open element's end does.
        enum Open {
            /// Pushed a context: pop it, ending a block or a cell.
            case context(name: String, author: Bool)
            /// Its content is not read (scripts, hidden elements, `<meta>` …); `collect`
            /// keeps its direct text for a title or JSON-LD.
            case skipped(collect: Collected?)
            /// Inside a skipped element.
            case inside
            /// `<head>`: its content is walked, it holds no context.
            case transparent
        }

        enum Collected { case title, linkedData }

        let maximumTextScalars: Int
        var renderer = BlockText()
        var meta = PageMetadata()
        var contexts: [Context] = [Context(tag: "body", hint: nil, hintScope: 0, articleScope: nil, linkDepth: 0)]
        var serial = 0
        var open: [Open] = []
        var skipping = 0
        var collected: [UInt8] = []
        /// Text of the open `<a rel="author">` elements, innermost last.
        var authors: [[UInt8]] = []
        var sawElement = false
        var textTooLong = false
        var stopped = false

        init(maximumTextScalars: Int) { self.maximumTextScalars = maximumTextScalars }

        static func of(_ context: UnsafeMutableRawPointer?) -> PageWalk? {
            guard let parser = context?.assumingMemoryBound(to: htmlParserCtxt.self),
                  let walk = parser.pointee._private else { return nil }
            return Unmanaged<PageWalk>.fromOpaque(walk).takeUnretainedValue()
        }

        func blockInfo() -> BlockText.Context { HTMLBlockRenderer.blockInfo(contexts) }

        private func stop(_ parser: UnsafeMutableRawPointer?) {
            stopped = true
            xmlStopParser(parser?.assumingMemoryBound(to: htmlParserCtxt.self))
        }

        func start(_ rawName: UnsafePointer<xmlChar>?, _ attributes: HTMLAttributes, parser: UnsafeMutableRawPointer?) {
            if stopped { return }
            if skipping > 0 {
                skipping += 1
                open.append(.inside)
                return
            }
            guard open.count < HTMLBlockRenderer.maximumDepth else { return stop(parser) }
            sawElement = true
            let name = rawName.map(HTMLBlockRenderer.lowerName) ?? ""
            func skip(_ collect: Collected? = nil) {
                skipping = 1
                collected.removeAll(keepingCapacity: true)
                open.append(.skipped(collect: collect))
            }
            switch name {
            case "html":
                meta.language = attributes.value("lang") ?? attributes.value("xml:lang")
            case "title":
                return skip(meta.titleTag == nil ? .title : nil)
            case "meta":
                meta.read(meta: attributes)
                return skip()
            case "link":
                if attributes.value("rel")?.lowercased() == "canonical", let href = attributes.value("href"), !href.isEmpty {
                    meta.canonical = meta.canonical ?? href
                }
                return skip()
            case "script":
                return skip(attributes.value("type")?.lowercased().contains("ld+json") == true ? .linkedData : nil)
            case "br":
                renderer.lineBreak()
                return skip()
            case "time":
                renderer.markTime()
                if let datetime = attributes.value("datetime"), !datetime.isEmpty { meta.times.append(datetime) }
            case "head":
                open.append(.transparent)
                return
            default:
                break
            }
            if HTMLBlockRenderer.skipped.contains(name) { return skip() }
            // Themes put navigation and sidebar state classes on `<body>` and `<html>`:
            // a hint that far up says nothing about the text.
            let pageWide = name == "body" || name == "html"
            let hint = MarkupHint.of(tag: name, role: attributes.value("role"),
                                     classAndID: pageWide ? "" : HTMLBlockRenderer.classAndID(attributes),
                                     hidden: HTMLBlockRenderer.isHidden(attributes))
            if hint == .hidden { return skip() }
            let isBlock = HTMLBlockRenderer.blocks.contains(name)
            if isBlock { renderer.endBlock(cell: false, context: blockInfo()) }
            serial += 1
            var context = contexts[contexts.count - 1]
            if isBlock || name == "td" || name == "th" { context.tag = name }
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
                if context.hint == .paywall || context.hint == .subscription || HTMLBlockRenderer.isLandmark(name, attributes) {
                    context.hint = nil
                }
                if context.hint == nil {
                    context.articleScope = serial
                    // Only a class names a kind of section: its class names without those
                    // holding a digit ("version-2", generated "css-1r7ky0e"), in any order.
                    // "story theme-main" and "story theme-summary" (a teaser) differ.
                    // Classless containers stand alone.
                    context.articleClass = 0
                    let names = (attributes.value("class") ?? "").split(separator: " ")
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
            if name == "a", attributes.value("href") != nil { context.linkDepth += 1 }
            let author = name == "a" && attributes.value("rel")?.lowercased().split(separator: " ").contains("author") == true
            if author { authors.append([]) }
            if name == "header", context.articleScope == nil, context.hint == nil {
                // A page header outside the article is the site's masthead.
                context.hint = .navigation
                context.hintScope = serial
            }
            contexts.append(context)
            open.append(.context(name: name, author: author))
        }

        func end() {
            guard let element = open.popLast() else { return }
            switch element {
            case .inside:
                skipping -= 1
            case .skipped(let collect):
                skipping = 0
                let text = String(decoding: collected, as: UTF8.self)
                collected.removeAll(keepingCapacity: true)
                switch collect {
                case .title?: meta.titleTag = HTMLBlockRenderer.collapsedText(text)
                case .linkedData?: meta.readLinkedData(text)
                case nil: break
                }
            case .transparent:
                break
            case .context(let name, let author):
                if stopped { return }
                if HTMLBlockRenderer.blocks.contains(name) { renderer.endBlock(cell: false, context: blockInfo()) }
                else if name == "td" || name == "th" { renderer.endBlock(cell: true, context: blockInfo()) }
                contexts.removeLast()
                if author, let text = authors.popLast() {
                    let collapsed = String(decoding: text, as: UTF8.self).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                    if !collapsed.isEmpty { meta.relAuthors.append(collapsed) }
                }
            }
        }

        func characters(_ text: UnsafePointer<xmlChar>?, _ length: Int, cdata: Bool, parser: UnsafeMutableRawPointer?) {
            guard !stopped, let text, length > 0 else { return }
            let buffer = UnsafeBufferPointer(start: text, count: length)
            // `<a rel="author">` reads all the text nodes under it, skipped ones too.
            if !cdata { for k in authors.indices { authors[k].append(contentsOf: buffer) } }
            if skipping > 0 {
                // A title or JSON-LD keeps its own text, not that of elements inside it.
                if skipping == 1, case .skipped(let collect)? = open.last, collect != nil {
                    collected.append(contentsOf: buffer)
                }
                return
            }
            renderer.appendInline(buffer, inLink: contexts[contexts.count - 1].linkDepth > 0)
            if renderer.scalarCount > maximumTextScalars {
                textTooLong = true
                stop(parser)
            }
        }
    }

    /// An element that says by its tag, role or microdata that it is the article.
    private static func isLandmark(_ name: String, _ attributes: HTMLAttributes) -> Bool {
        if name == "article" || name == "main" { return true }
        if let role = attributes.value("role")?.lowercased(), role == "main" || role == "article" { return true }
        return attributes.value("itemprop")?.lowercased().contains("articlebody") == true
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

    fileprivate static func blockInfo(_ contexts: [Context]) -> BlockText.Context {
        let c = contexts[contexts.count - 1]
        return BlockText.Context(tag: c.tag, hint: c.hint, hintScope: c.hintScope, articleScope: c.articleScope, articleClass: c.articleClass)
    }

    fileprivate static func lowerName(_ raw: UnsafePointer<xmlChar>) -> String {
        var bytes: [UInt8] = []
        var p = raw
        while p.pointee != 0 {
            let b = p.pointee
            bytes.append(b >= 65 && b <= 90 ? b + 32 : b)
            p += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func classAndID(_ attributes: HTMLAttributes) -> String {
        let cls = attributes.value("class")
        let id = attributes.value("id")
        let itemprop = attributes.value("itemprop")
        switch (cls, id, itemprop) {
        case (nil, nil, nil): return ""
        default: return [cls, id, itemprop].compactMap { $0 }.joined(separator: " ")
        }
    }

    private static func isHidden(_ attributes: HTMLAttributes) -> Bool {
        if attributes.value("hidden") != nil { return true }
        if attributes.value("aria-hidden")?.lowercased() == "true" { return true }
        if let style = attributes.value("style")?.lowercased().filter({ $0 != " " }) {
            return style.contains("display:none") || style.contains("visibility:hidden")
        }
        return false
    }

    /// A title's text with whitespace collapsed as in a block, or nil when there is none.
    static func collapsedText(_ raw: String) -> String? {
        var text = BlockText()
        var copy = raw
        copy.withUTF8 { text.appendInline($0, inLink: false) }
        let result = text.finish(context: .init(tag: "title", hint: nil, hintScope: 0, articleScope: nil)).text
        return result.isEmpty ? nil : result
    }
}
