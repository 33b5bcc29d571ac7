/// Builds a `Declared` struct from values that are already parsed and checked, through its
/// synthesised `init(from:)`: each `@Option` asks for its key and gets its value; a group
/// reads the same flat store. (swift-argument-parser builds commands the same way.)
struct StoreDecoder: Decoder {
    /// Parsed values by property path ("stack.latent").
    let store: [String: any Sendable]
    /// The path of the group being decoded ("stack."), or "" at the top.
    let prefix: String
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(store: store, prefix: prefix))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "declarations are not lists"))
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "a declaration is a struct"))
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let store: [String: any Sendable]
        let prefix: String
        var codingPath: [CodingKey] { [] }
        var allKeys: [Key] { store.keys.filter { $0.hasPrefix(prefix) }.compactMap { Key(stringValue: String($0.dropFirst(prefix.count))) } }

        func contains(_ key: Key) -> Bool { store[prefix + key.stringValue] != nil }
        func decodeNil(forKey key: Key) throws -> Bool { false }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            if T.self is GroupDecodable.Type { return try T(from: StoreDecoder(store: store, prefix: prefix + key.stringValue + ".")) }
            guard let value = store[prefix + key.stringValue] else {
                // A plain stored property (not an option): decode it from nothing fails loudly.
                throw DecodingError.keyNotFound(key, .init(codingPath: [key], debugDescription: "\(key.stringValue) is not a declared option"))
            }
            return try T(from: ValueDecoder(value: value))
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try cast(key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try cast(key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try cast(key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try cast(key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try cast(key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try cast(key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try cast(key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try cast(key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try cast(key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try cast(key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try cast(key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try cast(key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try cast(key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try cast(key) }

        private func cast<T>(_ key: Key) throws -> T {
            guard let value = store[prefix + key.stringValue] as? T else {
                throw DecodingError.typeMismatch(T.self, .init(codingPath: [key], debugDescription: "stored value is not \(T.self)"))
            }
            return value
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            KeyedDecodingContainer(Keyed<NestedKey>(store: store, prefix: prefix + key.stringValue + "."))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "declarations are not lists"))
        }

        func superDecoder() throws -> Decoder { StoreDecoder(store: store, prefix: prefix) }
        func superDecoder(forKey key: Key) throws -> Decoder { StoreDecoder(store: store, prefix: prefix + key.stringValue + ".") }
    }
}

/// Hands one parsed value to the `@Option` or `@Argument` that asks for it.
struct ValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: any Sendable
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: [], debugDescription: "an option holds one value"))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "an option holds one value"))
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { self }

    func decodeNil() -> Bool {
        if case Optional<Any>.none = value as Any? { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard let v = value as? T else {
            throw DecodingError.typeMismatch(T.self, .init(codingPath: [], debugDescription: "stored value \(value) is not \(T.self)"))
        }
        return v
    }

    func decode(_ type: Bool.Type) throws -> Bool { try generic(type) }
    func decode(_ type: String.Type) throws -> String { try generic(type) }
    func decode(_ type: Double.Type) throws -> Double { try generic(type) }
    func decode(_ type: Float.Type) throws -> Float { try generic(type) }
    func decode(_ type: Int.Type) throws -> Int { try generic(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try generic(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try generic(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try generic(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try generic(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try generic(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try generic(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try generic(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try generic(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try generic(type) }

    private func generic<T>(_ type: T.Type) throws -> T {
        guard let v = value as? T else {
            throw DecodingError.typeMismatch(T.self, .init(codingPath: [], debugDescription: "stored value \(value) is not \(T.self)"))
        }
        return v
    }
}
