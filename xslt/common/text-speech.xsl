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
    <xd:desc>Plain text for speech, page furniture and stand-off annotation (the words come
      from common/speech.xsl): an utterance under its speakers' names ("Name:" on the line
      before it); page furniture in square brackets with what it is ("[page number: 12]"),
      set apart by spaces, so it never joins a word; span groups in square brackets with
      their label; the annotations of standOff in an ANNOTATIONS block after the notes.
      Included by text.xsl (it uses ed:wrap and ed:inline).</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>An utterance: its speakers on the line before what is said.</xd:desc></xd:doc>
  <xsl:template match="u[exists(ed:speakers(.))]" mode="ed:blocks" priority="2">
    <xsl:sequence select="'&#xE000;' || string-join(ed:speakers(.), ', ') || ':'"/>
    <xsl:next-match/>
  </xsl:template>

  <xd:doc><xd:desc>Page furniture, set apart: "[running head: …]".</xd:desc></xd:doc>
  <xsl:function name="ed:furniture-text" as="xs:string">
    <xsl:param name="fw" as="element()"/>
    <xsl:sequence select="'[' || ed:furniture-label($fw) || ': ' || ed:inline($fw) || ']'"/>
  </xsl:function>
  <xsl:template match="fw" mode="ed:inline" priority="2">
    <xsl:text> </xsl:text><xsl:value-of select="ed:furniture-text(.)"/><xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="fw" mode="ed:blocks" priority="2">
    <xsl:sequence select="ed:wrap(ed:furniture-text(.))"/>
  </xsl:template>

  <xd:doc><xd:desc>A span group: "[Label: span; span]", never part of the prose.</xd:desc></xd:doc>
  <xsl:function name="ed:span-group-text" as="xs:string">
    <xsl:param name="grp" as="element()"/>
    <xsl:sequence select="'[' || ed:annotation-label($grp) || ': ' || string-join(($grp/span ! ed:inline(.), ed:inline-nodes($grp/(* except span)))[. ne ''], '; ') || ']'"/>
  </xsl:function>
  <xsl:template match="spanGrp[normalize-space(.) eq '']" mode="ed:inline ed:blocks" priority="3"/>
  <xsl:template match="spanGrp" mode="ed:inline" priority="2">
    <xsl:text> </xsl:text><xsl:value-of select="ed:span-group-text(.)"/><xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="spanGrp" mode="ed:blocks" priority="2">
    <xsl:sequence select="ed:wrap(ed:span-group-text(.))"/>
  </xsl:template>

  <xd:doc><xd:desc>The annotations of standOff: "ANNOTATIONS", then one paragraph each:
    "Label on ¶ 3 “its words”: the annotation."</xd:desc></xd:doc>
  <xsl:function name="ed:annotations-block" as="xs:string*">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="annotations" select="ed:standoff-annotations($root)"/>
    <xsl:if test="exists($annotations)">
      <xsl:sequence select="'ANNOTATIONS'"/>
      <xsl:for-each select="$annotations">
        <xsl:variable name="label" select="ed:annotation-label(.)"/>
        <xsl:for-each select="if (self::spanGrp) then span[normalize-space(.) ne ''] else .">
          <xsl:variable name="about" select="ed:annotation-target-label(.)"/>
          <xsl:sequence select="ed:wrap($label || ($about[. ne ''] ! (' on ' || .)) || ': ' || ed:inline-nodes(ed:annotation-body(.)))"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:if>
  </xsl:function>

  <xd:doc><xd:desc>Who made a stand-off annotation (ed:annotation-resp).</xd:desc></xd:doc>
  <xsl:template match="annotation/respStmt" mode="ed:inline" priority="2">
    <xsl:text> </xsl:text><xsl:value-of select="ed:annotation-resp(.)"/><xsl:text> </xsl:text>
  </xsl:template>

</xsl:stylesheet>
