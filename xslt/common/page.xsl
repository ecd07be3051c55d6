<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>What every HTML page shares (the reading edition, the citation index, the
      encoding guide), so that the three pages cannot drift apart: the head (character set,
      viewport, title with the project's name after it, canonical link, the project's favicon,
      the toolkit's stylesheet then the project's, the head hook (ed:hook-head,
      common/hooks.xsl, which every page includes), the toolkit's script then the project's),
      the project's name and logo at the top of the page header, and the project's
      description in the footer.</xd:desc>
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
      <title><xsl:value-of select="string-join(($title, $site-title[. ne ''][. ne $title]), ' — ')"/></title>
      <xsl:if test="exists($canonical)"><link rel="canonical" href="{$canonical}"/></xsl:if>
      <xsl:if test="$project-favicon-href ne ''"><link rel="icon" href="{$project-favicon-href}"/></xsl:if>
      <xsl:sequence select="$before-css"/>
      <link rel="stylesheet" href="{$css-href}"/>
      <xsl:if test="$project-css-href ne ''"><link rel="stylesheet" href="{$project-css-href}"/></xsl:if>
      <xsl:sequence select="$after-css"/>
      <xsl:call-template name="ed:hook-head"/>
      <xsl:if test="$script"><script src="{$js-href}" defer="defer"></script></xsl:if>
      <xsl:if test="$project-js-href ne ''"><script src="{$project-js-href}" defer="defer"></script></xsl:if>
    </head>
  </xsl:template>

  <xd:doc>
    <xd:desc>The first line of every page's header: the project's logo and name
      ($project-logo-href, $site-title; nothing when neither is set), linked to the home page
      when the build writes a site (common/frame.xsl). The logo is decorative
      (alt=""): the name beside it, and the page's own heading, say what the page is.</xd:desc>
  </xd:doc>
  <xsl:template name="ed:site-name">
    <xsl:if test="$site-title ne '' or $project-logo-href ne ''">
      <xsl:variable name="name" as="element()*">
        <xsl:if test="$project-logo-href ne ''"><img class="site-logo" src="{$project-logo-href}" alt=""/></xsl:if>
        <xsl:if test="$site-title ne ''"><span class="site-title"><xsl:value-of select="$site-title"/></span></xsl:if>
      </xsl:variable>
      <p class="site-name">
        <!-- with a site (common/frame.xsl), the name links home -->
        <xsl:choose>
          <xsl:when test="$ed:site and $site-title ne ''"><a class="site-home" href="{$site-root-href}index.html"><xsl:sequence select="$name"/></a></xsl:when>
          <xsl:otherwise><xsl:sequence select="$name"/></xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
  </xsl:template>

  <xd:doc>
    <xd:desc>The project's description in every page's footer ($site-description; nothing when empty).</xd:desc>
  </xd:doc>
  <xsl:template name="ed:site-description">
    <xsl:if test="$site-description ne ''"><p class="site-description"><xsl:value-of select="$site-description"/></p></xsl:if>
  </xsl:template>

</xsl:stylesheet>
