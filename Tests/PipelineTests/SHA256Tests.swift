import Testing
@testable import Pipeline

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hexDigest(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hexDigest(of: long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(SHA256.hexDigest(of: million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

extension SHA256Tests {
    /// Feeding bytes in pieces of any size gives the digest of the whole.
    @Test func incrementalUpdatesAgreeWithOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = SHA256.hexDigest(of: bytes)
        for piece in [1, 3, 63, 64, 65, 200] {
            var hasher = SHA256()
            var offset = 0
            while offset < bytes.count {
                hasher.update(bytes[offset..<min(offset + piece, bytes.count)])
                offset += piece
            }
            #expect(hasher.finalizeHex() == whole, "pieces of \(piece)")
        }
        #expect(SHA256.hexDigest(of: bytes.lazy.map { $0 }) == whole)
    }
}
