<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Hooks: empty named templates that the entry stylesheets call at fixed places, so
      that a project's own stylesheet can add to a page without copying the toolkit's.
      A project overrides a hook in a stylesheet that imports the toolkit's entry
      stylesheet (<xd:i>xsl:import href="tei-toolkit:html.xsl"</xd:i>, or index.xsl, or
      guide.xsl) and defines a template of the same name; import precedence makes its
      template win. Name them in tei.toml (stylesheets = "folder") or with tei render
      --stylesheet.
      <xd:p>Every page that the toolkit writes calls the same page hooks at the same places:
        ed:hook-head (in common/page.xsl, which all three pages share), ed:hook-body-start,
        ed:hook-before-text, ed:hook-after-text, ed:hook-footer and ed:hook-body-end. What
        the context item is depends on the page:</xd:p>
      <xd:ul>
        <xd:li>the reading edition (html.xsl): the TEI document (its document node);</xd:li>
        <xd:li>the citation index (index.xsl): its input's document node, whose element is
          ed:partials (the whole page from the documents' partial indexes), ed:summary (the
          frame of the streamed merge: the head, the body's start and end and the footer are
          in the frame, the lists are slots filled later), or a TEI document (the index of
          one document, as Oxygen runs it);</xd:li>
        <xd:li>the encoding guide (guide.xsl): the ed:guide element (the guide as data);</xd:li>
        <xd:li>the site's home page and register pages (site.xsl): the ed:site element (how many
          documents, the registers with their counts).</xd:li>
      </xd:ul>
      <xd:p>Every page has the same frame (common/frame.xsl): ed:hook-nav adds to its navigation,
        ed:hook-footer to its footer. The toolkit's own features fill the frame's slots
        (common/frame-slots.xsl), which are not hooks: a project's hook adds to them.</xd:p>
      <xd:p>The register card hook is called by the one card template (common/card.xsl) on
        both pages that show cards; the text hook by text.xsl only.</xd:p>
      <xd:p>On every page the hooks can use the URLs of the project's assets (tei.toml assets,
        copied to the output's assets/ folder), relative to the page: $project-assets-href (the
        folder, ending in "/"), $project-css-href, $project-js-href, $project-logo-href and
        $project-favicon-href (common/params.xsl; empty when not set), and the project's name,
        $site-title.</xd:p></xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>Every HTML page: inside head, after the toolkit's stylesheet link and the
    page's own styles, before the script (extra CSS, meta tags).</xd:desc></xd:doc>
  <xsl:template name="ed:hook-head"/>

  <xd:doc><xd:desc>Every HTML page: the first thing in body after the skip link, before the
    page header (a banner).</xd:desc></xd:doc>
  <xsl:template name="ed:hook-body-start"/>

  <xd:doc><xd:desc>Every HTML page: the last items of the site's navigation in the page frame's
    header (common/frame.xsl): li elements, each with one link (a project's blog, its
    institution).</xd:desc></xd:doc>
  <xsl:template name="ed:hook-nav"/>

  <xd:doc><xd:desc>Every HTML page: the first thing in main, just before the page's content
    (the text of the document; the index's lists; the guide's sections): a note to readers.</xd:desc></xd:doc>
  <xsl:template name="ed:hook-before-text"/>

  <xd:doc><xd:desc>Every HTML page: the last thing in main, just after the page's content (in
    the edition, after the text and before the notes).</xd:desc></xd:doc>
  <xsl:template name="ed:hook-after-text"/>

  <xd:doc><xd:desc>Every register card: the popover of a name and its entry in the registers
    of the edition page (the entry is the TEI register entry: person, place, org …), and
    each entry of the citation index (the entry is its ed:entity, from the documents'
    partial indexes). Called after the card's lines (name, kind, other names, dates,
    authority links), before what the page adds to them (the register's "Cited in", the
    index's citations). Parameter: entry, the register entry, which is also the context item.</xd:desc></xd:doc>
  <xsl:template name="ed:hook-register-card">
    <xsl:param name="entry" as="element()"/>
  </xsl:template>

  <xd:doc><xd:desc>Every HTML page: inside the footer, after the toolkit's lines (a funder, a
    contact). The citation index has no footer of its own: what this hook gives is put in
    one.</xd:desc></xd:doc>
  <xsl:template name="ed:hook-footer"/>

  <xd:doc><xd:desc>Every HTML page: the last thing in body.</xd:desc></xd:doc>
  <xsl:template name="ed:hook-body-end"/>

  <xd:doc><xd:desc>Plain text (text.xsl): lines added at the end of the header block; return
    strings, one line each. The context item is the TEI document.</xd:desc></xd:doc>
  <xsl:template name="ed:hook-text-header" as="xs:string*"/>
</xsl:stylesheet>
