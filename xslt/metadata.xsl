<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:fn="http://www.w3.org/2005/xpath-functions"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Entry stylesheet of the deposit metadata, all derived from the teiHeader:
      <xd:ul>
        <xd:li>format "dc": Dublin Core in the OAI-DC form that repositories harvest;</xd:li>
        <xd:li>format "datacite": the same facts as DataCite-style JSON;</xd:li>
        <xd:li>format "bag-info": the BagIt bag-info.txt fields taken from the header
          (the toolkit adds Payload-Oxum and Bag-Software-Agent);</xd:li>
        <xd:li>format "readme": README.txt for a future reader of the package.</xd:li>
      </xd:ul></xd:desc>
  </xd:doc>

  <xsl:include href="common/params.xsl"/>
  <xsl:include href="common/release.xsl"/>
  <xsl:include href="common/header.xsl"/>
  <xsl:include href="common/registers.xsl"/>
  <xsl:include href="common/citation.xsl"/>
  <xsl:include href="common/witnesses.xsl"/>
  <xsl:include href="common/blocks.xsl"/>
  <xsl:include href="common/json.xsl"/>
  <xsl:include href="common/lang.xsl"/>

  <xd:doc><xd:desc>Which output: "dc" (default), "datacite", "bag-info" or "readme".</xd:desc></xd:doc>
  <xsl:param name="format" as="xs:string" select="'dc'" ed:internal="yes"/>

  <xd:doc><xd:desc>The file names of the documents in the package (space-separated), for the README.</xd:desc></xd:doc>
  <xsl:param name="documents" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc><xd:desc>With format "readme": the output folders in the package, one line each
    ("html/      the reading edition …"), from the toolkit's output registry.</xd:desc></xd:doc>
  <xsl:param name="package-folders" as="xs:string" select="''" ed:internal="yes"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:output name="text" method="text" encoding="UTF-8"/>
  <xsl:mode on-no-match="shallow-skip" use-accumulators="#all"/>

  <xsl:variable name="header" select="/*/teiHeader"/>
  <xsl:variable name="witness" select="ed:witness(/)"/>
  <xsl:variable name="licence" select="$header/fileDesc/publicationStmt/availability/licence[1]"/>
  <xsl:variable name="rights" select="normalize-space($licence) || ($licence/@target ! (' ' || .))"/>
  <xsl:variable name="terms" select="$header/fileDesc/publicationStmt/availability/p ! normalize-space(.)"/>
  <xsl:variable name="source-editors" select="$witness/editor ! ed:name-text(.)"/>
  <xsl:variable name="editors" select="$header/fileDesc/titleStmt/editor ! ed:names-in(.)"/>
  <xsl:variable name="encoders" select="distinct-values($header/fileDesc/titleStmt/respStmt/(* except resp) ! ed:name-text(.))"/>
  <xd:doc><xd:desc>Each name of the titleStmt's respStmts with what it did, in its words
    ("Martin Mueller (Encoded in TEI Simple by)"), so that no one is credited with another's work.</xd:desc></xd:doc>
  <xsl:variable name="credited" select="$header/fileDesc/titleStmt/respStmt ! (let $resp := string-join(resp ! normalize-space(.), '; ')
    return (* except resp) ! (ed:name-text(.) || ($resp[. ne ''] ! (' (' || . || ')'))))"/>
  <xsl:variable name="description" select="normalize-space(($header/encodingDesc/projectDesc/p)[1])"/>
  <xsl:variable name="subjects" select="$header/profileDesc/textClass/keywords/term ! normalize-space(.)"/>
  <xsl:variable name="latest-change" select="string((for $w in $header/revisionDesc/change/@when return string($w)) => max())"/>
  <xsl:variable name="witness-url" select="string($witness/ref[1]/@target)"/>
  <xsl:variable name="witness-citation" select="string-join(($witness/(* except (note, ref)) ! normalize-space(.), $witness-url[. ne '']), ', ')"/>
  <xsl:variable name="related" select="$header/fileDesc/sourceDesc//listBibl/bibl"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$format = 'datacite'">
        <xsl:result-document format="text"><xsl:apply-templates select="ed:datacite()" mode="ed:json"/><xsl:text>&#10;</xsl:text></xsl:result-document>
      </xsl:when>
      <xsl:when test="$format = 'bag-info'">
        <xsl:result-document format="text"><xsl:value-of select="ed:bag-info()"/></xsl:result-document>
      </xsl:when>
      <xsl:when test="$format = 'readme'">
        <xsl:result-document format="text"><xsl:value-of select="ed:readme()"/></xsl:result-document>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="ed:dc"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ Dublin Core -->

  <xsl:template name="ed:dc">
    <oai_dc:dc xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">
      <xsl:namespace name="dc" select="'http://purl.org/dc/elements/1.1/'"/>
      <dc:title><xsl:value-of select="ed:title(/)"/></dc:title>
      <xsl:if test="ed:official-title(/) ne ed:title(/)"><dc:title><xsl:value-of select="ed:official-title(/)"/></dc:title></xsl:if>
      <xsl:for-each select="ed:authors(/)"><dc:creator><xsl:value-of select="."/></dc:creator></xsl:for-each>
      <xsl:for-each select="$source-editors"><dc:contributor><xsl:value-of select="."/> (editor of the source)</dc:contributor></xsl:for-each>
      <xsl:for-each select="$editors"><dc:contributor><xsl:value-of select="."/> (editor)</dc:contributor></xsl:for-each>
      <xsl:for-each select="distinct-values($credited)"><dc:contributor><xsl:value-of select="."/></dc:contributor></xsl:for-each>
      <xsl:for-each select="$subjects"><dc:subject><xsl:value-of select="."/></dc:subject></xsl:for-each>
      <xsl:if test="$description ne ''"><dc:description><xsl:value-of select="$description"/></dc:description></xsl:if>
      <dc:publisher><xsl:value-of select="ed:publisher(/)"/></dc:publisher>
      <xsl:if test="ed:creation-date(/) ne ''"><dc:date><xsl:value-of select="ed:creation-date(/)"/></dc:date></xsl:if>
      <xsl:if test="ed:edition-date(/) ne ''"><dc:date><xsl:value-of select="ed:edition-date(/)"/></dc:date></xsl:if>
      <dc:type>Text</dc:type>
      <dc:format>application/tei+xml</dc:format>
      <dc:format>text/html</dc:format>
      <dc:format>text/plain</dc:format>
      <dc:identifier><xsl:value-of select="ed:identifier(/)"/></dc:identifier>
      <xsl:for-each select="distinct-values(($ed:doc-lang, $header/profileDesc/langUsage/language/@ident ! ed:bcp47(.))[. ne ''])"><dc:language><xsl:value-of select="."/></dc:language></xsl:for-each>
      <xsl:if test="$witness"><dc:source><xsl:value-of select="$witness-citation"/></dc:source></xsl:if>
      <xsl:for-each select="$related[* except note]">
        <dc:relation><xsl:value-of select="string-join((* except note) ! normalize-space(.), ', ')"/></dc:relation>
      </xsl:for-each>
      <xsl:if test="ed:creation-place(/) ne ''"><dc:coverage><xsl:value-of select="ed:creation-place(/)"/></dc:coverage></xsl:if>
      <xsl:if test="$rights ne ''"><dc:rights><xsl:value-of select="$rights"/></dc:rights></xsl:if>
      <xsl:for-each select="$terms"><dc:rights><xsl:value-of select="."/></dc:rights></xsl:for-each>
    </oai_dc:dc>
  </xsl:template>

  <!-- ============================================================ DataCite-style JSON -->

  <xsl:function name="ed:datacite" as="element(fn:map)">
    <fn:map>
      <fn:array key="identifiers">
        <fn:map>
          <fn:string key="identifier"><xsl:value-of select="ed:identifier($header)"/></fn:string>
          <fn:string key="identifierType">Local</fn:string>
        </fn:map>
      </fn:array>
      <fn:array key="titles">
        <fn:map><fn:string key="title"><xsl:value-of select="ed:title($header)"/></fn:string>
          <xsl:for-each select="(($header/fileDesc/titleStmt/title)[1]/@xml:lang, $header/@xml:lang, $header/../@xml:lang)[1] ! ed:bcp47(.)[. ne '']"><fn:string key="lang"><xsl:value-of select="."/></fn:string></xsl:for-each></fn:map>
        <xsl:if test="ed:official-title($header) ne ed:title($header)">
          <fn:map>
            <fn:string key="title"><xsl:value-of select="ed:official-title($header)"/></fn:string>
            <fn:string key="titleType">AlternativeTitle</fn:string>
          </fn:map>
        </xsl:if>
      </fn:array>
      <fn:array key="creators">
        <xsl:for-each select="$header/fileDesc/titleStmt/author[ed:name-text(.) ne '']">
          <fn:map><fn:string key="name"><xsl:value-of select="ed:name-text(.)"/></fn:string>
            <!-- The kind of name only when the header says it (a plain name could be either). -->
            <xsl:choose>
              <xsl:when test="descendant::orgName"><fn:string key="nameType">Organizational</fn:string></xsl:when>
              <xsl:when test="descendant::persName or descendant::forename or descendant::surname"><fn:string key="nameType">Personal</fn:string></xsl:when>
            </xsl:choose>
          </fn:map>
        </xsl:for-each>
      </fn:array>
      <fn:array key="contributors">
        <xsl:for-each select="$editors, $source-editors">
          <fn:map><fn:string key="name"><xsl:value-of select="."/></fn:string><fn:string key="contributorType">Editor</fn:string></fn:map>
        </xsl:for-each>
        <xsl:for-each select="$encoders">
          <fn:map><fn:string key="name"><xsl:value-of select="."/></fn:string><fn:string key="contributorType">DataCurator</fn:string></fn:map>
        </xsl:for-each>
      </fn:array>
      <fn:string key="publisher"><xsl:value-of select="ed:publisher($header)"/></fn:string>
      <fn:string key="publicationYear"><xsl:value-of select="substring(ed:edition-date($header), 1, 4)"/></fn:string>
      <fn:array key="dates">
        <xsl:if test="ed:creation-date($header) ne ''">
          <fn:map><fn:string key="date"><xsl:value-of select="ed:creation-date($header)"/></fn:string><fn:string key="dateType">Created</fn:string></fn:map>
        </xsl:if>
        <xsl:if test="ed:edition-date($header) ne ''">
          <fn:map><fn:string key="date"><xsl:value-of select="ed:edition-date($header)"/></fn:string><fn:string key="dateType">Issued</fn:string></fn:map>
        </xsl:if>
      </fn:array>
      <fn:map key="types">
        <fn:string key="resourceTypeGeneral">Text</fn:string>
        <fn:string key="resourceType">Digital scholarly edition (TEI P5)</fn:string>
      </fn:map>
      <fn:array key="formats">
        <fn:string>application/tei+xml</fn:string><fn:string>text/html</fn:string><fn:string>text/plain</fn:string><fn:string>application/json</fn:string>
      </fn:array>
      <xsl:if test="$ed:doc-lang ne ''"><fn:string key="language"><xsl:value-of select="$ed:doc-lang"/></fn:string></xsl:if>
      <fn:array key="subjects">
        <xsl:for-each select="$subjects"><fn:map><fn:string key="subject"><xsl:value-of select="."/></fn:string></fn:map></xsl:for-each>
      </fn:array>
      <fn:array key="rightsList">
        <fn:map>
          <fn:string key="rights"><xsl:value-of select="normalize-space($licence)"/></fn:string>
          <xsl:if test="$licence/@target"><fn:string key="rightsUri"><xsl:value-of select="$licence/@target"/></fn:string></xsl:if>
        </fn:map>
        <xsl:for-each select="$terms"><fn:map><fn:string key="rights"><xsl:value-of select="."/></fn:string></fn:map></xsl:for-each>
      </fn:array>
      <fn:array key="descriptions">
        <xsl:if test="$description ne ''">
          <fn:map><fn:string key="description"><xsl:value-of select="$description"/></fn:string><fn:string key="descriptionType">Abstract</fn:string></fn:map>
        </xsl:if>
      </fn:array>
      <fn:array key="relatedIdentifiers">
        <xsl:if test="$witness-url ne ''">
          <fn:map>
            <fn:string key="relatedIdentifier"><xsl:value-of select="$witness-url"/></fn:string>
            <fn:string key="relatedIdentifierType">URL</fn:string>
            <fn:string key="relationType">IsDerivedFrom</fn:string>
          </fn:map>
        </xsl:if>
      </fn:array>
      <fn:array key="relatedItems">
        <xsl:for-each select="$witness, $related[* except note]">
          <fn:map>
            <fn:string key="relationType"><xsl:value-of select="if (@type = 'witness') then 'IsDerivedFrom' else 'IsVariantFormOf'"/></fn:string>
            <fn:string key="relatedItemType">Text</fn:string>
            <fn:array key="titles"><xsl:for-each select="title"><fn:map><fn:string key="title"><xsl:value-of select="normalize-space(.)"/></fn:string></fn:map></xsl:for-each></fn:array>
            <xsl:if test="date/@when"><fn:string key="publicationYear"><xsl:value-of select="substring(date[1]/@when, 1, 4)"/></fn:string></xsl:if>
          </fn:map>
        </xsl:for-each>
      </fn:array>
    </fn:map>
  </xsl:function>

  <!-- ============================================================ bag-info.txt -->

  <xd:doc><xd:desc>bag-info.txt fields from the header, one "Label: value" per line.
    Bagging-Date is the latest revisionDesc/change/@when; the toolkit replaces it with the
    date of SOURCE_DATE_EPOCH when that is set.</xd:desc></xd:doc>
  <xsl:function name="ed:bag-info" as="xs:string">
    <xsl:variable name="group" select="normalize-space(($header/fileDesc/seriesStmt/idno, $header/fileDesc/publicationStmt/idno[@type = ('series', 'collection')])[1])"/>
    <xsl:variable name="lines" select="(
      'Source-Organization: ' || ed:publisher($header),
      'External-Identifier: ' || ed:identifier($header),
      'External-Description: ' || string-join((ed:official-title($header), ed:creation-date($header)[. ne ''] ! ('(' || . || ')'),
        '. TEI P5 edition with HTML, plain-text and citation-index renderings.'), ' ') => replace(' \.', '.'),
      $group[. ne ''] ! ('Bag-Group-Identifier: ' || .),
      $latest-change[. ne ''] ! ('Bagging-Date: ' || .))"/>
    <xsl:sequence select="string-join($lines, '&#10;') || '&#10;'"/>
  </xsl:function>

  <!-- ============================================================ README.txt -->

  <xsl:function name="ed:readme" as="xs:string">
    <xsl:variable name="id" select="ed:identifier($header)"/>
    <xsl:variable name="docs" select="tokenize($documents)"/>
    <xsl:variable name="paragraphs" as="xs:string*">
      <xsl:sequence select="upper-case(ed:title($header))"/>
      <xsl:sequence select="ed:wrap-text('This package is the digital edition “' || ed:official-title($header) || '”'
        || (ed:creation-date($header)[. ne ''] ! (', dated ' || .)) || (ed:creation-place($header)[. ne ''] ! (', ' || .))
        || ', issued by ' || string-join(ed:authors($header), '; ') || '. ' || $description)"/>
      <xsl:sequence select="ed:wrap-text('Edition identifier: ' || $id || '. Published by ' || ed:publisher($header)
        || (ed:edition-date($header)[. ne ''] ! (', ' || .)) || '. Source: ' || $witness-citation || '.')"/>
      <xsl:sequence select="'WHAT IS IN THIS PACKAGE (data/)&#10;&#10;'
        || string-join((
          'tei/       the edition in TEI P5 XML: the source of everything else' || (if (exists($docs)) then ' (' || string-join($docs, ', ') || ')' else ''),
          'schema/    edition.rng (RELAX NG) and edition.sch (ISO Schematron), the schemas the TEI names, and edition.odd, the TEI customisation (ODD) they are generated from',
          tokenize($package-folders, '&#10;')[. ne ''],
          'README.txt this file'), '&#10;')"/>
      <xsl:sequence select="'Outside data/, metadata/dc.xml (Dublin Core, OAI-DC) and metadata/datacite.json describe the'
        || '&#10;edition for repositories; bag-info.txt and the manifests make this a BagIt bag (RFC 8493).'"/>
      <xsl:sequence select="'HOW THE FILES RELATE&#10;&#10;' || ed:wrap-text('The HTML, text and index files are generated from the TEI by XSLT 3.0 '
        || 'stylesheets. The TEI files name their schemas in xml-model processing instructions (../schema/...), so '
        || 'any XML editor validates them here. Each paragraph of the text has a stable identifier (for example #par-1) '
        || 'used by the citations and the index.')"/>
      <xsl:sequence select="'HOW TO VERIFY, VALIDATE AND RE-RENDER&#10;&#10;'
        || string-join((
          '  Fixity (any BagIt tool):     bagit.py --validate ' || $id,
          '  or with the toolkit:         tei package --verify ' || $id,
          '  Validate the TEI:            tei validate data/tei',
          '  or with jing:                jing data/schema/edition.rng data/tei/*.xml',
          '  Re-render all outputs:       tei build data/tei -o rendered'), '&#10;')"/>
      <xsl:sequence select="'LICENCE&#10;&#10;' || ed:wrap-text($rights) || string-join($terms ! ('&#10;&#10;' || ed:wrap-text(.)), '')"/>
    </xsl:variable>
    <xsl:sequence select="string-join($paragraphs, '&#10;&#10;') || '&#10;'"/>
  </xsl:function>

  <xsl:function name="ed:wrap-text" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="replace(replace(normalize-space($s) || ' ', '(.{1,71}\S)\s+', '$1&#10;'), '\s+$', '')"/>
  </xsl:function>
</xsl:stylesheet>
