import Pipeline

extension BoilerplateCleaner {
    /// A cleaner that learns each site's furniture as it ingests into `store`, starting
    /// from what the store already knows; a plain cleaner when `minimumDocuments` is 0.
    ///
    /// Only blocks at least two stored documents held are loaded: a block seen once is
    /// the bulk of the table and far from being furniture; it starts again from zero here.
    static func learningFurniture(from store: any ArticleDatabase, minimumDocuments: Int) throws(StoreError) -> BoilerplateCleaner {
        guard minimumDocuments > 0 else { return BoilerplateCleaner() }
        let furniture = SiteFurniture(minimumDocuments: minimumDocuments)
        try store.loadFurniture(into: furniture, minimumDocuments: min(2, minimumDocuments))
        return BoilerplateCleaner(furniture: furniture)
    }
}
