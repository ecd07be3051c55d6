<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Parameters shared by every output. Each has a default, so the stylesheets
      run unchanged under Saxon-HE on the JVM (Oxygen) and under saxonche (the toolkit),
      which passes the same parameters explicitly. A parameter marked ed:internal="yes" is
      one the toolkit sets itself: it is not a user setting (tei config leaves it out, and
      --param and [params] refuse it); every other global parameter of the toolkit's
      stylesheets is one, typed by its @as (toolkit/params.py).</xd:desc>
  </xd:doc>

  <xd:doc>
    <xd:desc>The absolute URL of the folder where the HTML edition is published, ending
      in "/". It makes canonical links and citation URLs absolute. Empty (the default):
      they stay relative to the edition's own file, and nothing is invented. The toolkit sets
      it from the base-url setting or --base-url (ed:internal: not a --param).</xd:desc>
  </xd:doc>
  <xsl:param name="base-url" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc>
    <xd:desc>The document's file name without ".xml". Empty: taken from the document's
      base URI (what Oxygen gives); the toolkit passes it, since it hands Saxon
      already-parsed content (ed:internal).</xd:desc>
  </xd:doc>
  <xsl:param name="doc-stem" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc>
    <xd:desc>From an HTML edition page to the citation index.</xd:desc>
  </xd:doc>
  <xsl:param name="index-href" as="xs:string" select="'../index/citation-index.html'"/>

  <xd:doc>
    <xd:desc>From an HTML edition page to the folder of the TEI sources (the output kind
      "tei"), which each page links to.</xd:desc>
  </xd:doc>
  <xsl:param name="tei-href" as="xs:string" select="'../tei/'"/>

  <xd:doc>
    <xd:desc>From the citation index to the folder of the HTML edition pages.</xd:desc>
  </xd:doc>
  <xsl:param name="edition-dir-href" as="xs:string" select="'../html/'"/>

  <xd:doc>
    <xd:desc>The stylesheet and script of the HTML pages, copied beside them by the toolkit.</xd:desc>
  </xd:doc>
  <xsl:param name="css-href" as="xs:string" select="'edition.css'"/>
  <xsl:param name="js-href" as="xs:string" select="'edition.js'"/>

  <xd:doc>
    <xd:desc>The project's name (the site's, not a document's: each document's title always
      comes from its own teiHeader). Shown above the heading of every page and after the
      page's title in the browser's title bar. Empty (the default): none.</xd:desc>
  </xd:doc>
  <xsl:param name="site-title" as="xs:string" select="''"/>

  <xd:doc>
    <xd:desc>One sentence about the project, in the footer of every page. Empty (the default): none.</xd:desc>
  </xd:doc>
  <xsl:param name="site-description" as="xs:string" select="''"/>

  <xd:doc>
    <xd:desc>The project's own assets (tei.toml: assets, css, js, logo, favicon), which the
      toolkit copies to the output's assets/ folder: the URL of that folder from the page
      (ending in "/"), and of the project's stylesheet, script, logo and favicon. Empty (the
      default): none. Every page links them (common/page.xsl), and a hook can use them, the
      folder for any other file in it ($project-assets-href || 'funder.png'). The toolkit sets
      them from the settings (ed:internal: not a --param).</xd:desc>
  </xd:doc>
  <xsl:param name="project-assets-href" as="xs:string" select="''" ed:internal="yes"/>
  <xsl:param name="project-css-href" as="xs:string" select="''" ed:internal="yes"/>
  <xsl:param name="project-js-href" as="xs:string" select="''" ed:internal="yes"/>
  <xsl:param name="project-logo-href" as="xs:string" select="''" ed:internal="yes"/>
  <xsl:param name="project-favicon-href" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc>
    <xd:desc>The edition's publisher. Empty (the default): the teiHeader's publisher.</xd:desc>
  </xd:doc>
  <xsl:param name="publisher" as="xs:string" select="''"/>

  <xd:doc>
    <xd:desc>The words after the name of a headnote's author (div type="headnote" with @resp),
      which say whose words these are.</xd:desc>
  </xd:doc>
  <xsl:param name="headnote-by-label" as="xs:string" select="'the source''s editor, not part of the document'"/>

  <xd:doc>
    <xd:desc>The accessible name of the document's main division (div type="declaration").</xd:desc>
  </xd:doc>
  <xsl:param name="document-label" as="xs:string" select="'The document'"/>

  <xd:doc>
    <xd:desc>The language of the texts (a BCP 47 code, or an ISO 639-2/3 code made one).
      Empty (the default): the document's own (common/lang.xsl, ed:document-language); when it
      says none, the text is marked lang="und" and the page, whose wording is English, "en".</xd:desc>
  </xd:doc>
  <xsl:param name="lang" as="xs:string" select="''"/>

  <xd:doc>
    <xd:desc>What a register's bibliographic entries (bibl or biblStruct in a listBibl,
      pointed to by a name: treaties, laws, books, letters) are called, one and several.</xd:desc>
  </xd:doc>
  <xsl:param name="work-label" as="xs:string" select="'Work'"/>
  <xsl:param name="works-label" as="xs:string" select="'Works'"/>

  <xd:doc>
    <xd:desc>The schema.org type of those entries in the linked data (CreativeWork, or a
      narrower one: Legislation, Book, Article …).</xd:desc>
  </xd:doc>
  <xsl:param name="work-schema-type" as="xs:string" select="'CreativeWork'"/>

  <xd:doc>
    <xd:desc>Plain-text line width. Lines break only at spaces, so no word is ever split.</xd:desc>
  </xd:doc>
  <xsl:param name="text-width" as="xs:integer" select="72"/>
</xsl:stylesheet>
