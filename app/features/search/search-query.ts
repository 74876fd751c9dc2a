// Shared by the search forms in the browser and the search on the server, so no zod here.

/** Longer queries are cut: nobody searches a blog with a paragraph, and LIKE cost grows with it. */
export const MAX_QUERY_LENGTH = 100
