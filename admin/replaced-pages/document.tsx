import { Head, Html, Main, NextScript } from 'next/document'

// Keystone's own document, with the language the desk is written in, so screen readers pronounce
// it as English and axe's html-has-lang rule holds.
export default function DeskDocument() {
  return (
    <Html lang="en-GB" data-scroll-behavior="smooth">
      <Head />
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  )
}
