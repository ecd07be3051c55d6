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
      stylesheet (<xd:i>xsl:import href="tei-toolkit:html.xsl"</xd:i>) and defines a template of
      the same name; import precedence makes its template win. Each hook is called with
      the TEI document as context item. Name them in tei.toml (stylesheets = "folder") or
      with tei render --stylesheet.</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>HTML: inside head, after the toolkit's stylesheet link (extra CSS, meta tags).</xd:desc></xd:doc>
  <xsl:template name="ed:hook-head"/>

  <xd:doc><xd:desc>HTML: the first thing in body, before the page header (a banner).</xd:desc></xd:doc>
  <xsl:template name="ed:hook-body-start"/>

  <xd:doc><xd:desc>HTML: just before the text of the document (a note to readers).</xd:desc></xd:doc>
  <xsl:template name="ed:hook-before-text"/>

  <xd:doc><xd:desc>HTML: just after the text of the document, before the notes.</xd:desc></xd:doc>
  <xsl:template name="ed:hook-after-text"/>

  <xd:doc><xd:desc>HTML: at the end of every register card (the popover of a name and its
    entry in the registers). Parameter: entry, the register entry.</xd:desc></xd:doc>
  <xsl:template name="ed:hook-register-card">
    <xsl:param name="entry" as="element()"/>
  </xsl:template>

  <xd:doc><xd:desc>HTML: inside the footer, after the toolkit's lines (a funder, a contact).</xd:desc></xd:doc>
  <xsl:template name="ed:hook-footer"/>

  <xd:doc><xd:desc>HTML: the last thing in body.</xd:desc></xd:doc>
  <xsl:template name="ed:hook-body-end"/>

  <xd:doc><xd:desc>Plain text: lines added at the end of the header block; return strings,
    one line each.</xd:desc></xd:doc>
  <xsl:template name="ed:hook-text-header" as="xs:string*"/>
</xsl:stylesheet>
