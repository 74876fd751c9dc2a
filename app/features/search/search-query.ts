/** Longer queries are cut: nobody searches a blog with a paragraph, and LIKE cost grows with it. */
export const MAX_QUERY_LENGTH = 100
