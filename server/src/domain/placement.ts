// Placement rules are shared with the web app (the "add idea" field places cards the same way).
export * from '@pinnwand/shared/placement'
