import CLibXML2

/// Reads an HTML page with libxml2's forgiving HTML parser and renders it as block text:
/// one block per paragraph, heading, list item or other block element, a blank line
/// between blocks, inline whitespace collapsed as a browser does. Scripts, styles and
/// other non-text elements are skipped. Metadata comes from `<title>`, `<meta>` and
/// `<html lang>`.
///
/// The clean stage then works on the rendered text like on any plain text, so its
/// `removed` offsets index the rendered text, which is the document's decoded text.
enum HTMLBlockRenderer {
    struct Page {
        var text: String
        var metadata: DocumentMetadata
    }

    /// libxml2 wants one global initialisation before parsers run on several threads.
    private static let parserReady: Bool = {
        xmlInitParser()
        return true
    }()

    /// Elements whose content is never article text.
    static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
        "canvas", "head", "select", "button", "input", "textarea", "map",
    ]

    /// Elements that start and end a block of text.
    static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
        "article", "section", "header", "footer", "nav", "aside", "main", "figure", "figcaption",
        "table", "tr", "caption", "ul", "ol", "dl", "address", "hr", "form", "fieldset",
        "legend", "details", "summary", "body", "center",
    ]

    static func read(_ html: String) throws(PipelineError) -> Page {
        _ = parserReady
        var bytes = Array(html.utf8)
        guard bytes.count < Int32.max else {
            throw PipelineError(.tooLarge, stage: .decode, "HTML page is too large for the parser (over 2 GiB)")
        }
        bytes.append(0)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count - 1), nil, "UTF-8", options)
            }
        }
        guard let document = parsed else {
            throw PipelineError(.malformed, stage: .decode, "HTML could not be parsed even in recovery mode")
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw PipelineError(.noText, stage: .decode, "HTML page has no elements")
        }
        var renderer = BlockText()
        var metadata = DocumentMetadata()
        var titleTag: String?
        var metaTitle: String?
        metadata.language = attribute("lang", of: root)

        // Iterative depth-first walk: pages can nest deeper than the stack likes.
        var stack: [(node: xmlNodePtr, leaving: Bool)] = [(root, false)]
        while let (node, leaving) = stack.popLast() {
            let type = node.pointee.type
            if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
                if let content = node.pointee.content { renderer.appendInline(String(cString: content)) }
                continue
            }
            guard type == XML_ELEMENT_NODE, let rawName = node.pointee.name else { continue }
            let name = String(cString: rawName)
            if leaving {
                if blocks.contains(name) || name == "td" || name == "th" { renderer.endBlock(cell: name == "td" || name == "th") }
                continue
            }
            switch name {
            case "title":
                titleTag = titleTag ?? collapsedText(of: node)
                continue
            case "meta":
                readMeta(node, into: &metadata, title: &metaTitle)
                continue
            case "link":
                if attribute("rel", of: node)?.lowercased() == "canonical", metadata.url == nil {
                    metadata.url = attribute("href", of: node)
                }
                continue
            case "br":
                renderer.lineBreak()
                continue
            default:
                break
            }
            // <head> is skipped for text, but its <title> and <meta> are metadata.
            if name == "head" {
                var child = node.pointee.last
                while let current = child {
                    stack.append((current, false))
                    child = current.pointee.prev
                }
                continue
            }
            if skipped.contains(name) { continue }
            if blocks.contains(name) { renderer.endBlock(cell: false) }
            stack.append((node, true))
            var child = node.pointee.last
            while let current = child {
                stack.append((current, false))
                child = current.pointee.prev
            }
        }
        metadata.title = metaTitle ?? titleTag
        return Page(text: renderer.finish(), metadata: metadata)
    }

    private static func readMeta(_ node: xmlNodePtr, into metadata: inout DocumentMetadata, title: inout String?) {
        guard let key = (attribute("property", of: node) ?? attribute("name", of: node) ?? attribute("itemprop", of: node))?.lowercased(),
              let content = attribute("content", of: node), !content.isEmpty else { return }
        switch key {
        case "og:title", "twitter:title": title = title ?? content
        case "author", "article:author", "byl", "dc.creator": metadata.byline = metadata.byline ?? content
        case "article:published_time", "datepublished", "date", "dc.date", "pubdate", "publishdate":
            metadata.published = metadata.published ?? content
        case "og:site_name": metadata.siteName = metadata.siteName ?? content
        case "og:url": metadata.url = metadata.url ?? content
        default: break
        }
    }

    /// The value of an attribute, read from the attribute's text children without
    /// allocating through libxml2 (whose `xmlFree` is a global the compiler cannot prove safe).
    static func attribute(_ wanted: String, of node: xmlNodePtr) -> String? {
        var property = node.pointee.properties
        while let current = property {
            if let name = current.pointee.name, String(cString: name).lowercased() == wanted {
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

    private static func collapsedText(of node: xmlNodePtr) -> String? {
        var text = BlockText()
        var child = node.pointee.children
        while let current = child {
            if let content = current.pointee.content { text.appendInline(String(cString: content)) }
            child = current.pointee.next
        }
        let result = text.finish()
        return result.isEmpty ? nil : result
    }
}

/// Accumulates rendered text: collapses HTML whitespace inside a block and puts exactly
/// one blank line between blocks.
struct BlockText {
    private var output = String.UnicodeScalarView()
    private var block = String.UnicodeScalarView()
    private var pendingSpace = false

    mutating func appendInline(_ text: String) {
        for scalar in text.unicodeScalars {
            // HTML's collapsible whitespace; U+00A0 is content, not whitespace, in HTML.
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}" {
                pendingSpace = true
            } else {
                if pendingSpace, let last = block.last, last != "\n" { block.append(" ") }
                pendingSpace = false
                block.append(scalar)
            }
        }
    }

    mutating func lineBreak() {
        if !block.isEmpty, block.last != "\n" { block.append("\n") }
        pendingSpace = false
    }

    /// Ends the current block; table cells end with a tab-free space instead, so a row
    /// reads as one line.
    mutating func endBlock(cell: Bool) {
        if cell {
            pendingSpace = true
            return
        }
        while let last = block.last, last == "\n" { block.removeLast() }
        if !block.isEmpty {
            if !output.isEmpty { output.append(contentsOf: "\n\n".unicodeScalars) }
            output.append(contentsOf: block)
            block = String.UnicodeScalarView()
        }
        pendingSpace = false
    }

    mutating func finish() -> String {
        endBlock(cell: false)
        return String(output)
    }
}
