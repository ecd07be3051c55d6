<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>What every output agrees on about TEI's structure: which elements are
      blocks (they start a new paragraph or line in HTML and in plain text), and how notes
      are numbered.</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>Is this a block element (own paragraph or line)?</xd:desc></xd:doc>
  <xsl:function name="ed:is-block" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el[self::p or self::ab or self::head or self::l or self::item or self::label[parent::list]
      or self::lg or self::list or self::listBibl or self::bibl[parent::listBibl] or self::table or self::row
      or self::sp or self::speaker or self::stage[not(ancestor::p or ancestor::l)] or self::quote[p or lg]
      or self::figure or self::figDesc or self::div or self::div1 or self::div2 or self::div3 or self::div4
      or self::titlePage or self::docTitle or self::titlePart or self::byline or self::docAuthor
      or self::docImprint or self::docDate or self::docEdition or self::argument or self::epigraph
      or self::opener or self::closer or self::salute or self::signed or self::dateline or self::trailer
      or self::postscript or self::castList or self::castItem or self::entry or self::sense or self::form
      or self::front or self::body or self::back or self::group or self::text or self::floatingText
      or self::u or self::listPerson or self::person or self::listPlace or self::place or self::listOrg or self::org
      or self::event or self::listEvent or self::eTree or self::graph or self::spGrp or self::lem[.//(p | lg | l | div | ab)] or self::app[.//(p | lg | l | div | ab)]
      or self::listWit or self::witness
      or self::sourceDoc or self::surfaceGrp or self::surface or self::zone or self::line or self::entryFree
      or self::castGroup or self::superEntry
      or self::annotationBlock or self::spanGrp or self::seg[parent::u]])"/>
  </xsl:function>

  <xd:doc><xd:desc>The number of a note in its text (1, 2, 3 … in document order),
    computed once for all notes and looked up by key, so long texts stay linear.</xd:desc></xd:doc>
  <xsl:variable name="ed:note-numbers">
    <xsl:for-each select="ed:notes(/)"><ed:n id="{generate-id()}" n="{position()}"/></xsl:for-each>
  </xsl:variable>
  <xsl:key name="ed:note-number" match="ed:n" use="@id"/>
  <xsl:function name="ed:note-number" as="xs:integer">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="xs:integer((key('ed:note-number', generate-id($note), $ed:note-numbers)/@n,
                          count($note/preceding::note[ancestor::text or ancestor::sourceDoc][not(ancestor::note)]) + 1)[1])"/>
  </xsl:function>

  <xd:doc><xd:desc>The notes of a text that become numbered endnotes (not notes in notes).</xd:desc></xd:doc>
  <xsl:function name="ed:notes" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="root($root)//(text | sourceDoc)//note[not(ancestor::note)]"/>
  </xsl:function>

</xsl:stylesheet>
