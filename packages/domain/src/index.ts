// The pure domain of Parcours: French rules, identifiers and arithmetic shared by server and web.
export {};
