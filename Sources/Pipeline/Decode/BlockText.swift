/// Accumulates rendered text as UTF-8: collapses HTML whitespace inside a block, puts
/// exactly one blank line between blocks, and records each block as a `TextBlock`.
struct BlockText {
    /// What the renderer knows about the element a block ends in.
    struct Context {
        var tag: String
        var hint: BoilerplateReason?
        var hintScope: Int
        var articleScope: Int?
        var articleClass: UInt64 = 0
    }

    private var output: [UInt8] = []
    private var outputScalars = 0
    private var block: [UInt8] = []
    private var blockScalars = 0
    private var blockTextScalars = 0
    private var blockLinkScalars = 0
    private var blockHasTime = false
    private var pendingSpace = false
    private var blocks: [TextBlock] = []

    /// Scalars of text held so far: the finished blocks, their separators and the open block.
    var scalarCount: Int { outputScalars + blockScalars }

    /// Appends UTF-8 text; a text node may arrive in several pieces, read as one.
    mutating func appendInline(_ text: UnsafeBufferPointer<UInt8>, inLink: Bool) {
        for byte in text {
            // HTML's collapsible whitespace; U+00A0 is content, not whitespace, in HTML.
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                pendingSpace = true
                continue
            }
            if pendingSpace, let last = block.last, last != 0x0A {
                block.append(0x20)
                blockScalars += 1
            }
            pendingSpace = false
            block.append(byte)
            // Continuation bytes do not start a scalar.
            if byte & 0xC0 != 0x80 {
                blockScalars += 1
                blockTextScalars += 1
                if inLink { blockLinkScalars += 1 }
            }
        }
    }

    mutating func lineBreak() {
        if !block.isEmpty, block.last != 0x0A {
            block.append(0x0A)
            blockScalars += 1
        }
        pendingSpace = false
    }

    mutating func markTime() {
        blockHasTime = true
    }

    /// Ends the current block; table cells end with a space instead, so a row reads as
    /// one line.
    mutating func endBlock(cell: Bool, context: Context) {
        if cell {
            pendingSpace = true
            return
        }
        while let last = block.last, last == 0x0A {
            block.removeLast()
            blockScalars -= 1
        }
        if !block.isEmpty {
            if !output.isEmpty {
                output.append(0x0A)
                output.append(0x0A)
                outputScalars += 2
            }
            let start = outputScalars
            output.append(contentsOf: block)
            outputScalars += blockScalars
            blocks.append(TextBlock(start: start, end: outputScalars, tag: context.tag,
                                    linkScalars: blockLinkScalars, textScalars: blockTextScalars,
                                    hint: context.hint, hintScope: context.hintScope,
                                    articleScope: context.articleScope, hasTime: blockHasTime))
            blocks[blocks.count - 1].articleClass = context.articleClass
            block.removeAll(keepingCapacity: true)
        }
        blockScalars = 0
        blockTextScalars = 0
        blockLinkScalars = 0
        blockHasTime = false
        pendingSpace = false
    }

    mutating func finish(context: Context) -> (text: String, blocks: [TextBlock]) {
        endBlock(cell: false, context: context)
        return (String(decoding: output, as: UTF8.self), blocks)
    }
}
