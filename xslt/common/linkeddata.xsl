<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:fn="http://www.w3.org/2005/xpath-functions"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Linked data for the registers of one document, embedded in its HTML page as
      JSON-LD (schema.org): each register entry with its type (Person, Place, Organization,
      Event, Legislation for treaties), its names, owl-free identity links (schema:sameAs to
      the Wikidata and GeoNames URIs of identifiers the header does not qualify; rdfs:seeAlso
      for those marked with a certainty, which are single-source) and schema:subjectOf links
      to the passages that cite it; each passage with schema:mentions back. The same graph,
      for the whole corpus, is output/data/entities.jsonld (toolkit/linkeddata.py, from the
      citation index). The @context is inline: any RDF library reads it offline.</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>The schema.org class of an entry kind (ed:entry-type).</xd:desc></xd:doc>
  <xsl:function name="ed:schema-type" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="string($ed:schema-types($kind))"/>
  </xsl:function>
  <xsl:variable name="ed:schema-types" as="map(xs:string, xs:string)" select="map { 'person': 'Person',
    'place': 'Place', 'org': 'Organization', 'event': 'Event', 'work': $work-schema-type }"/>

  <xd:doc><xd:desc>The schema.org class of an entry. A group named collectively (personGrp: a
    people, a group of states) is neither a schema:Person nor, necessarily, a formal
    schema:Organization: it is a schema:Thing, described by its kind ("Group of people").</xd:desc></xd:doc>
  <xsl:function name="ed:entry-schema-type" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/self::personGrp) then 'Thing' else ed:schema-type(ed:entry-type($entry))"/>
  </xsl:function>

  <xd:doc><xd:desc>The linked-data URI of an authority identifier (Wikidata's entity URI,
    GeoNames' semantic-web URI); empty for any other.</xd:desc></xd:doc>
  <xsl:function name="ed:authority-uri" as="xs:string">
    <xsl:param name="idno" as="element()"/>
    <xsl:variable name="value" select="normalize-space($idno)"/>
    <xsl:sequence select="if ($idno/@type = 'wikidata' and matches($value, '^Q[1-9][0-9]*$'))
                          then 'http://www.wikidata.org/entity/' || $value
                          else if ($idno/@type = 'geonames' and matches($value, '^[1-9][0-9]*$'))
                          then 'https://sws.geonames.org/' || $value || '/'
                          else ''"/>
  </xsl:function>

  <xd:doc><xd:desc>The URI of a register entry: its anchor in the citation index.</xd:desc></xd:doc>
  <xsl:function name="ed:entry-uri" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="index" select="if ($base-url ne '') then string(resolve-uri('../index/citation-index.html', $base-url))
                                       else $index-href"/>
    <xsl:sequence select="iri-to-uri($index || '#' || ed:entry-type($entry) || '-' || $entry/@xml:id)"/>
  </xsl:function>

  <xsl:key name="ed:pairs-by-passage" match="ed:pair" use="@passage"/>

  <xd:doc><xd:desc>The linked data of the document's registers, as a script element of type
    application/ld+json (nothing when the document has no register entry).</xd:desc></xd:doc>
  <xsl:template name="ed:linked-data">
    <xsl:param name="page" as="xs:string"/>
    <xsl:variable name="entries" select="ed:entries(.)"/>
    <xsl:if test="exists($entries)">
      <!-- each entry's citing passages (document order) and URI, computed once -->
      <xsl:variable name="cited-by" as="map(xs:string, element()*)" select="map:merge(
        for $e in $entries return map { generate-id($e): (ed:mentions-of($e) ! ed:passage(.)) / . },
        map { 'duplicates': 'use-first' })"/>
      <xsl:variable name="uri-of" as="map(xs:string, xs:string)" select="map:merge(
        for $e in $entries return map { generate-id($e): ed:entry-uri($e) }, map { 'duplicates': 'use-first' })"/>
      <xsl:variable name="pairs">
        <xsl:for-each select="$entries">
          <xsl:variable name="uri" select="$uri-of(generate-id())"/>
          <xsl:for-each select="$cited-by(generate-id())">
            <ed:pair entry="{$uri}" passage="{generate-id(.)}"/>
          </xsl:for-each>
        </xsl:for-each>
      </xsl:variable>
      <xsl:variable name="passages" as="element()*" select="($entries ! $cited-by(generate-id(.))) / ."/>
      <xsl:variable name="graph">
        <fn:map>
          <fn:map key="@context">
            <fn:string key="@vocab">https://schema.org/</fn:string>
            <fn:string key="schema">https://schema.org/</fn:string>
            <fn:string key="rdfs">http://www.w3.org/2000/01/rdf-schema#</fn:string>
            <xsl:for-each select="('sameAs', 'subjectOf', 'mentions', 'isPartOf')">
              <fn:map key="{.}"><fn:string key="@id">schema:<xsl:value-of select="."/></fn:string><fn:string key="@type">@id</fn:string></fn:map>
            </xsl:for-each>
            <fn:map key="seeAlso"><fn:string key="@id">rdfs:seeAlso</fn:string><fn:string key="@type">@id</fn:string></fn:map>
          </fn:map>
          <fn:array key="@graph">
            <xsl:for-each select="$entries">
              <xsl:variable name="cited" select="$cited-by(generate-id())"/>
              <fn:map>
                <fn:string key="@id"><xsl:value-of select="$uri-of(generate-id())"/></fn:string>
                <fn:string key="@type"><xsl:value-of select="ed:entry-schema-type(.)"/></fn:string>
                <fn:string key="name"><xsl:value-of select="ed:entry-label(.)"/></fn:string>
                <xsl:if test="self::personGrp"><fn:string key="description"><xsl:value-of select="ed:entry-kind(.)"/></fn:string></xsl:if>
                <xsl:if test="exists(ed:entry-names(.)[position() gt 1])">
                  <fn:array key="alternateName">
                    <xsl:for-each select="ed:entry-names(.)[position() gt 1]"><fn:string><xsl:value-of select="."/></fn:string></xsl:for-each>
                  </fn:array>
                </xsl:if>
                <xsl:variable name="related" select="tokenize(normalize-space(@corresp), ' ')[starts-with(., '#')] ! key('ed:id', substring(., 2), root(current()))[ed:is-entry(.)]"/>
                <xsl:if test="idno[ed:authority-uri(.) ne ''][not(@cert)]">
                  <fn:array key="sameAs">
                    <xsl:for-each select="idno[ed:authority-uri(.) ne ''][not(@cert)]"><fn:string><xsl:value-of select="ed:authority-uri(.)"/></fn:string></xsl:for-each>
                  </fn:array>
                </xsl:if>
                <xsl:if test="idno[ed:authority-uri(.) ne ''][@cert] or exists($related)">
                  <fn:array key="seeAlso">
                    <xsl:for-each select="idno[ed:authority-uri(.) ne ''][@cert]"><fn:string><xsl:value-of select="ed:authority-uri(.)"/></fn:string></xsl:for-each>
                    <xsl:for-each select="$related"><fn:string><xsl:value-of select="ed:entry-uri(.)"/></fn:string></xsl:for-each>
                  </fn:array>
                </xsl:if>
                <xsl:if test="exists($cited)">
                  <fn:array key="subjectOf">
                    <xsl:for-each select="$cited"><fn:string><xsl:value-of select="iri-to-uri($page || '#' || ed:id(.))"/></fn:string></xsl:for-each>
                  </fn:array>
                </xsl:if>
              </fn:map>
            </xsl:for-each>
            <xsl:for-each select="$passages">
              <xsl:variable name="passage" select="."/>
              <fn:map>
                <fn:string key="@id"><xsl:value-of select="iri-to-uri($page || '#' || ed:id(.))"/></fn:string>
                <fn:string key="@type">CreativeWork</fn:string>
                <fn:string key="name"><xsl:value-of select="ed:passage-label(.)"/></fn:string>
                <fn:string key="isPartOf"><xsl:value-of select="iri-to-uri($page)"/></fn:string>
                <fn:array key="mentions">
                  <xsl:for-each select="distinct-values(key('ed:pairs-by-passage', generate-id($passage), $pairs)/@entry)">
                    <fn:string><xsl:value-of select="."/></fn:string>
                  </xsl:for-each>
                </fn:array>
              </fn:map>
            </xsl:for-each>
          </fn:array>
        </fn:map>
      </xsl:variable>
      <xsl:variable name="json" as="xs:string">
        <xsl:value-of><xsl:apply-templates select="$graph" mode="ed:json"/></xsl:value-of>
      </xsl:variable>
      <script type="application/ld+json"><xsl:value-of select="replace($json, '&lt;/', '&lt;\\/')"/></script>
    </xsl:if>
  </xsl:template>

  <xd:doc><xd:desc>The edition itself as linked data, in a script of its own (the registers'
    graph above is the corpus graph's part for this page): a schema:CreativeWork with its
    version, its language (inLanguage, from common/lang.xsl), its date of publication, its licence and its whole rights statement (a restriction
    on part of the content included), its credits, and the document it is based on with that
    document's own date.</xd:desc></xd:doc>
  <xsl:template name="ed:edition-linked-data">
    <xsl:variable name="graph">
      <fn:map>
        <fn:string key="@context">https://schema.org/</fn:string>
        <fn:string key="@type">CreativeWork</fn:string>
        <fn:string key="@id"><xsl:value-of select="iri-to-uri(ed:edition-url(.))"/></fn:string>
        <fn:string key="name"><xsl:value-of select="ed:title(.)"/></fn:string>
        <!-- The text's language (common/lang.xsl), BCP 47 as schema.org asks; none when the document names none. -->
        <xsl:if test="$ed:doc-lang ne ''"><fn:string key="inLanguage"><xsl:value-of select="$ed:doc-lang"/></fn:string></xsl:if>
        <xsl:if test="ed:version(.) ne ''"><fn:string key="version"><xsl:value-of select="ed:version(.)"/></fn:string></xsl:if>
        <xsl:if test="ed:edition-date(.) ne ''"><fn:string key="datePublished"><xsl:value-of select="ed:edition-date(.)"/></fn:string></xsl:if>
        <xsl:if test="ed:publisher(.) ne ''"><fn:map key="publisher"><fn:string key="@type">Organization</fn:string><fn:string key="name"><xsl:value-of select="ed:publisher(.)"/></fn:string></fn:map></xsl:if>
        <xsl:for-each select="(/*/teiHeader/fileDesc/publicationStmt/availability/licence/@target[matches(., '^https?://\S+$')])[1]">
          <fn:string key="license"><xsl:value-of select="."/></fn:string>
        </xsl:for-each>
        <xsl:if test="ed:rights(.) ne ''"><fn:string key="copyrightNotice"><xsl:value-of select="ed:rights(.)"/></fn:string></xsl:if>
        <xsl:if test="exists(ed:credits(.))"><fn:string key="creditText"><xsl:value-of select="string-join(ed:credits(.), '. ')"/></fn:string></xsl:if>
        <xsl:if test="ed:public-url(.) ne ''"><fn:string key="url"><xsl:value-of select="ed:public-url(.)"/></fn:string></xsl:if>
        <fn:map key="isBasedOn">
          <fn:string key="@type">CreativeWork</fn:string>
          <fn:string key="name"><xsl:value-of select="ed:official-title(.)"/></fn:string>
          <xsl:if test="ed:creation-date(.) ne ''"><fn:string key="dateCreated"><xsl:value-of select="ed:creation-date(.)"/></fn:string></xsl:if>
          <xsl:if test="exists(ed:authors(.))">
            <fn:array key="author"><xsl:for-each select="ed:authors(.)"><fn:map><fn:string key="name"><xsl:value-of select="."/></fn:string></fn:map></xsl:for-each></fn:array>
          </xsl:if>
        </fn:map>
      </fn:map>
    </xsl:variable>
    <xsl:variable name="json" as="xs:string">
      <xsl:value-of><xsl:apply-templates select="$graph" mode="ed:json"/></xsl:value-of>
    </xsl:variable>
    <script type="application/ld+json" class="edition-ld"><xsl:value-of select="replace($json, '&lt;/', '&lt;\\/')"/></script>
  </xsl:template>
</xsl:stylesheet>
