public class Sample
{
    public void Run()
    {
        using var cert = new X509Certificate2(path);
        var app = Build();
        _app2 = ConfidentialClientApplicationBuilder.Create(id).WithCertificate(cert).Build(); // want "certificate-disposal: Certificate cert is created in a using.*stored in _app2"
    }
}
