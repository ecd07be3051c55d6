<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>This project's hooks: what it adds to every page the toolkit writes (the edition
      pages, the citation index, the encoding guide), without copying the toolkit's stylesheets.
      Each template below is empty, as the toolkit's are (xslt/common/hooks.xsl, which documents
      the context item of each page): fill the ones you need, delete nothing. html.xsl,
      index.xsl and guide.xsl beside this file include it, and tei.toml's
      stylesheets = "xslt-local" makes the toolkit use them. Check a change with tei build
      (or live, with tei serve).</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>Inside head, after the toolkit's stylesheet link (extra CSS, meta tags).</xd:desc></xd:doc>
  <xsl:template name="ed:hook-head"/>

  <xd:doc><xd:desc>The first thing in body, before the page header (a banner).</xd:desc></xd:doc>
  <xsl:template name="ed:hook-body-start"/>

  <xd:doc><xd:desc>Just before the page's main content (a note to readers).</xd:desc></xd:doc>
  <xsl:template name="ed:hook-before-text"/>

  <xd:doc><xd:desc>Just after the page's main content.</xd:desc></xd:doc>
  <xsl:template name="ed:hook-after-text"/>

  <xd:doc><xd:desc>At the end of every register card. Parameter: entry, the register entry.</xd:desc></xd:doc>
  <xsl:template name="ed:hook-register-card">
    <xsl:param name="entry" as="element()"/>
  </xsl:template>

  <xd:doc><xd:desc>Inside the footer, after the toolkit's lines (a funder, a contact), for example:
    &lt;p class="funder"&gt;Funded by …&lt;/p&gt;</xd:desc></xd:doc>
  <xsl:template name="ed:hook-footer"/>

  <xd:doc><xd:desc>The last thing in body.</xd:desc></xd:doc>
  <xsl:template name="ed:hook-body-end"/>

  <xd:doc><xd:desc>Plain text: lines added at the end of the header block (strings, one line each).
    Used only by a text.xsl override, which this folder does not have yet.</xd:desc></xd:doc>
  <xsl:template name="ed:hook-text-header" as="xs:string*"/>
</xsl:stylesheet>
