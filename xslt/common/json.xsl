<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:fn="http://www.w3.org/2005/xpath-functions"
  xmlns:ed="urn:x-tei-edition-toolkit"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>A JSON writer shared by the citation index and the deposit metadata: the same
      bytes under every Saxon version, keys in document order.</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>JSON text of XML in the fn:map/fn:array vocabulary of XPath 3.1, indented by
    two spaces, written as text nodes straight to the output (so a large index streams).
    Written here rather than with xml-to-json(), whose indentation differs between Saxon
    versions: the JVM Saxon of Oxygen and saxonche must give the same bytes.</xd:desc></xd:doc>
  <xsl:mode name="ed:json" on-no-match="shallow-skip"/>

  <xsl:template match="fn:map | fn:array" mode="ed:json">
    <xsl:param name="indent" as="xs:string" select="''"/>
    <xsl:variable name="open" select="if (self::fn:map) then '{' else '['"/>
    <xsl:variable name="close" select="if (self::fn:map) then '}' else ']'"/>
    <xsl:choose>
      <xsl:when test="empty(*)"><xsl:value-of select="$open || $close"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$open"/>
        <xsl:for-each select="*">
          <xsl:value-of select="(if (position() gt 1) then ',' else '') || '&#10;' || $indent || '  ' || ed:json-key(.)"/>
          <xsl:apply-templates select="." mode="ed:json">
            <xsl:with-param name="indent" select="$indent || '  '"/>
          </xsl:apply-templates>
        </xsl:for-each>
        <xsl:value-of select="'&#10;' || $indent || $close"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="fn:string" mode="ed:json">
    <xsl:value-of select="'&quot;' || ed:json-escape(string(.)) || '&quot;'"/>
  </xsl:template>
  <xsl:template match="fn:null" mode="ed:json">null</xsl:template>
  <xsl:template match="fn:number | fn:boolean" mode="ed:json">
    <xsl:value-of select="normalize-space(.)"/>
  </xsl:template>

  <xsl:function name="ed:json-key" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="if ($node/@key) then '&quot;' || ed:json-escape(string($node/@key)) || '&quot;: ' else ''"/>
  </xsl:function>
  <xsl:function name="ed:json-escape" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="if (translate($s, '\&quot;&#10;&#13;&#9;', '') eq $s) then $s
      else replace(replace(replace(replace(replace($s, '\\', '\\\\'), '&quot;', '\\&quot;'),
      '&#10;', '\\n'), '&#13;', '\\r'), '&#9;', '\\t')"/>
  </xsl:function>

</xsl:stylesheet>
