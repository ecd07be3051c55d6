<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>The page head every HTML page shares (the reading edition, the citation index,
      the encoding guide): character set, viewport, title, canonical link, the toolkit's
      stylesheet, the head hook (ed:hook-head, common/hooks.xsl, which every page
      includes) and the toolkit's script, so that the three pages cannot drift apart.</xd:desc>
  </xd:doc>

  <xd:doc>
    <xd:desc>The head element of an HTML page.</xd:desc>
    <xd:param name="title">The page title.</xd:param>
    <xd:param name="canonical">The page's stable URL, when it has one.</xd:param>
    <xd:param name="before-css">Nodes placed before the stylesheet link (metadata).</xd:param>
    <xd:param name="after-css">Nodes placed after it (page styles), before the head hook.</xd:param>
    <xd:param name="script">Whether the page loads the toolkit's script.</xd:param>
  </xd:doc>
  <xsl:template name="ed:page-head">
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:param name="canonical" as="xs:string?" select="()"/>
    <xsl:param name="before-css" as="node()*" select="()"/>
    <xsl:param name="after-css" as="node()*" select="()"/>
    <xsl:param name="script" as="xs:boolean" select="true()"/>
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title><xsl:value-of select="$title"/></title>
      <xsl:if test="exists($canonical)"><link rel="canonical" href="{$canonical}"/></xsl:if>
      <xsl:sequence select="$before-css"/>
      <link rel="stylesheet" href="{$css-href}"/>
      <xsl:sequence select="$after-css"/>
      <xsl:call-template name="ed:hook-head"/>
      <xsl:if test="$script"><script src="{$js-href}" defer="defer"></script></xsl:if>
    </head>
  </xsl:template>

</xsl:stylesheet>
