/**
 * Meta tag names for each metadata field, most reliable first. Sources: the Open Graph
 * protocol, Twitter cards, Dublin Core, schema.org microdata (itemprop), and the publisher
 * conventions trafilatura's metadata module reads (parsely-*, sailthru.*, article:*).
 * Keys are lower-cased meta name/property/itemprop values.
 */
export const METADATA_KEYS = {
  title: ['og:title', 'twitter:title', 'dc.title', 'dcterms.title', 'parsely-title', 'sailthru.title', 'title', 'headline'],
  author: ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'byl', 'twitter:creator', 'citation_author'],
  published: [
    'article:published_time', 'og:published_time', 'datepublished', 'published_time', 'publishdate', 'pubdate', 'publish-date',
    'publication_date', 'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date',
    'date', 'article.published', 'article:published', 'citation_publication_date', 'citation_date', 'originalpublicationdate',
  ],
  siteName: ['og:site_name', 'application-name', 'publisher', 'dc.publisher'],
  url: ['og:url', 'twitter:url', 'parsely-link'],
  language: ['content-language', 'og:locale', 'dc.language', 'language', 'inlanguage'],
} as const;
