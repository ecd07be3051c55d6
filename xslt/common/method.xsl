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
    <xd:desc>The editorial method of any TEI header, for every output: its samplingDecl (what
      part of the source the text is) and each part of its editorialDecl (correction,
      normalisation, quotation, hyphenation, segmentation, interpretation …), in the header's
      order, each labelled from its element's name. The words are the header's.</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>The parts of the method, in order: samplingDecl, then each child of
    editorialDecl (an editorialDecl of paragraphs only is one part).</xd:desc></xd:doc>
  <xsl:function name="ed:method-parts" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="encoding" select="root($root)/*/teiHeader/encodingDesc"/>
    <xsl:sequence select="$encoding/samplingDecl[normalize-space()],
      $encoding/editorialDecl/(if (*[not(self::p)]) then *[normalize-space()] else .[normalize-space()])"/>
  </xsl:function>

  <xd:doc><xd:desc>The label of a part of the method.</xd:desc></xd:doc>
  <xsl:function name="ed:method-label" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:variable name="name" select="local-name($part)"/>
    <xsl:sequence select="if ($name = 'samplingDecl') then 'What the text is'
      else if ($name = 'editorialDecl' or $name = 'p') then 'Editorial principles'
      else if ($name = 'correction') then 'Correction'
      else if ($name = 'normalization') then 'Normalisation'
      else if ($name = 'quotation') then 'Quotation marks'
      else if ($name = 'hyphenation') then 'Hyphenation'
      else if ($name = 'segmentation') then 'Divisions and labels'
      else if ($name = 'interpretation') then 'Interpretation and tagging'
      else if ($name = 'punctuation') then 'Punctuation'
      else if ($name = 'stdVals') then 'Standard values'
      else upper-case(substring($name, 1, 1)) || substring($name, 2)"/>
  </xsl:function>

  <xd:doc><xd:desc>The paragraphs of a part (its p children, or the part itself when it has none).</xd:desc></xd:doc>
  <xsl:function name="ed:method-paragraphs" as="element()*">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="if ($part/p) then $part/p else $part"/>
  </xsl:function>

  <xd:doc><xd:desc>The short form of the works a @source points to (their titles), for "Source:" lines.</xd:desc></xd:doc>
  <xsl:function name="ed:sources-of" as="element()*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="for $ref in tokenize(normalize-space($el/@source), ' ')[starts-with(., '#')]
                          return key('ed:id', substring($ref, 2), root($el))[self::bibl or self::biblStruct][1]"/>
  </xsl:function>
  <xsl:function name="ed:source-label" as="xs:string">
    <xsl:param name="bibl" as="element()"/>
    <xsl:sequence select="string-join(($bibl/(title[@level = ('m', 'j')], title)[1], $bibl/biblScope ! (if (@unit = 'page') then 'pp. ' || . else .), $bibl/title[@level = 'a'][not(. is ($bibl/(title[@level = ('m', 'j')], title))[1])],
      $bibl/publisher) ! normalize-space(.), ', ')"/>
  </xsl:function>
</xsl:stylesheet>
