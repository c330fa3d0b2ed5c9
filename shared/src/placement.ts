// Layout rules for cards and clusters, shared by the web app and the server (pure functions).
export * from './placement/geometry.ts'
export * from './placement/grid.ts'
export * from './placement/tidy.ts'
export * from './placement/reflow.ts'
export * from './placement/newCard.ts'
export * from './placement/growClusters.ts'
export * from './placement/separateCards.ts'
