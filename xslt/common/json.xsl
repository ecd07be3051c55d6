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

  <xd:doc><xd:desc>JSON text of XML in the fn:map/fn:array vocabulary of XPath 3.1, indented by two spaces.
    Written here rather than with xml-to-json(), whose indentation differs between Saxon
    versions: the JVM Saxon of Oxygen and saxonche must give the same bytes.</xd:desc></xd:doc>
  <xsl:function name="ed:json-value" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:variable name="inner" select="$indent || '  '"/>
    <xsl:variable name="members" select="for $c in $node/* return $inner || ed:json-key($c) || ed:json-value($c, $inner)"/>
    <xsl:sequence select="
      if ($node/self::fn:map) then (if (empty($members)) then '{}' else '{&#10;' || string-join($members, ',&#10;') || '&#10;' || $indent || '}')
      else if ($node/self::fn:array) then (if (empty($members)) then '[]' else '[&#10;' || string-join($members, ',&#10;') || '&#10;' || $indent || ']')
      else if ($node/self::fn:string) then '&quot;' || ed:json-escape(string($node)) || '&quot;'
      else if ($node/self::fn:null) then 'null'
      else normalize-space($node)"/>
  </xsl:function>
  <xsl:function name="ed:json-key" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="if ($node/@key) then '&quot;' || ed:json-escape(string($node/@key)) || '&quot;: ' else ''"/>
  </xsl:function>
  <xsl:function name="ed:json-escape" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="replace(replace(replace(replace(replace($s, '\\', '\\\\'), '&quot;', '\\&quot;'),
      '&#10;', '\\n'), '&#13;', '\\r'), '&#9;', '\\t')"/>
  </xsl:function>

</xsl:stylesheet>
